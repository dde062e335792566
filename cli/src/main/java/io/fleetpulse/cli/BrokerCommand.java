package io.fleetpulse.cli;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.topics.TopicProvisioner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description =
        "A single-node Kafka (KRaft) on loopback with FleetPulse's topics, for components run apart.")
final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = ".fleetpulse/kafka",
      description =
          "Broker data; restarting on the same directory keeps topics and port. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--topic-prefix",
      defaultValue = "fleetpulse",
      description = "Default: ${DEFAULT-VALUE}.")
  String topicPrefix;

  @Override
  public Integer call() throws Exception {
    try (StopSignal stop = new StopSignal();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
      KafkaSettings settings =
          KafkaSettings.of(broker.bootstrapServers(), topicPrefix, dataDir.toString(), null);
      TopicProvisioner.ensureTopics(settings.connection(broker.bootstrapServers()), settings);
      System.out.println(
          "Kafka ready: bootstrap_servers " + broker.bootstrapServers() + " (Ctrl-C stops)");
      stop.awaitForever();
    }
    return 0;
  }
}
