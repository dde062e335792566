package io.fleetpulse.cli;

import io.fleetpulse.cli.broker.EmbeddedKafkaBroker;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.scenario.ProgressBar;
import io.fleetpulse.cli.scenario.ScenarioRunner;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.simulator.SimulatedNode;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioException;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a simulated fleet's /metrics on loopback ports, to point any collector at: vLLM nodes,"
          + " or with --scenario the scenario's fleet of any engines, in real time.",
      "With --simulated-time or --speedup it plays the scenario in simulated time straight into Kafka instead"
          + " (the embedded broker unless --bootstrap-servers is given) and prints its ground truth."
    })
final class SimulateCommand implements Callable<Integer> {

  @Option(
      names = "--clusters",
      split = ",",
      defaultValue = "us-east,eu-west",
      description = "Cluster names (without --scenario). Default: ${DEFAULT-VALUE}.")
  List<String> clusters;

  @Option(
      names = "--nodes-per-cluster",
      defaultValue = "4",
      description = "Without --scenario. Default: ${DEFAULT-VALUE}.")
  int nodesPerCluster;

  @Option(
      names = "--rps",
      defaultValue = "-1",
      description =
          "Requests per second per node, without --scenario (default: the simulator's own).")
  double requestsPerSecond;

  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      description =
          "A shipped scenario (steady, diurnal, overload-ramp, long-context-surge, prefix-cache-collapse,"
              + " node-crash, slow-node, flapping-target, mixed-engines) or a scenario YAML file.")
  String scenario;

  @Option(
      names = "--simulated-time",
      description = "Play the scenario in simulated time into Kafka, as fast as it goes.")
  boolean simulatedTime;

  @Option(
      names = "--speedup",
      paramLabel = "N",
      description =
          "Play the scenario in simulated time into Kafka, simulated time running N times the wall clock.")
  Double speedup;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "",
      description = "Kafka to produce to; empty starts the embedded broker in --data-dir.")
  String bootstrapServers;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "A config file whose kafka.client settings (TLS, SASL) the run uses to get into a secured"
              + " --bootstrap-servers.")
  Path config;

  @Option(
      names = "--data-dir",
      defaultValue = ".fleetpulse/kafka",
      description =
          "The embedded broker's data (shared with `fleetpulse broker`). Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--topic-prefix",
      defaultValue = "fleetpulse",
      description = "Default: ${DEFAULT-VALUE}.")
  String topicPrefix;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      description =
          "Simulated start, e.g. 2026-01-01T00:00:00Z. Default: the scenario's duration before now, so"
              + " the run ends now: Kafka refuses record timestamps more than an hour ahead of its clock.")
  String start;

  @Override
  public Integer call() throws Exception {
    boolean inSimulatedTime = simulatedTime || speedup != null;
    if (scenario == null && (inSimulatedTime || start != null)) {
      System.err.println(
          "fleetpulse simulate: --simulated-time, --speedup and --start need --scenario");
      return 2;
    }
    if (speedup != null && !(speedup > 0 && speedup <= 1_000_000)) {
      System.err.println(
          "fleetpulse simulate: --speedup must be above 0 and at most 1000000, got " + speedup);
      return 2;
    }
    Scenario loaded = null;
    Instant simulatedStart;
    try {
      loaded = scenario == null ? null : new ScenarioLoader().load(scenario);
      simulatedStart =
          start != null
              ? Instant.parse(start)
              : loaded == null
                  ? null
                  : Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(loaded.duration());
    } catch (ScenarioException e) {
      System.err.println("fleetpulse simulate: " + e.getMessage());
      return 2;
    } catch (DateTimeParseException e) {
      System.err.println(
          "fleetpulse simulate: --start '"
              + start
              + "' is not an instant such as 2026-01-01T00:00:00Z");
      return 2;
    }
    if (inSimulatedTime) {
      return intoKafka(loaded, simulatedStart, speedup == null ? 0 : speedup);
    }
    return serve(loaded);
  }

  private int intoKafka(Scenario loaded, Instant simulatedStart, double pace) {
    EmbeddedKafkaBroker broker =
        bootstrapServers.isEmpty() ? EmbeddedKafkaBroker.start(dataDir) : null;
    try {
      String servers = broker != null ? broker.bootstrapServers() : bootstrapServers;
      KafkaSettings settings =
          new KafkaSettings(
              servers,
              topicPrefix,
              dataDir.toString(),
              null,
              null,
              null,
              null,
              null,
              null,
              // The embedded broker takes plain connections only.
              broker != null || config == null
                  ? null
                  : new ConfigLoader().load(config, System.getenv()).kafka().client());
      KafkaConnection kafka = settings.connection(servers);
      TopicProvisioner.ensureTopics(kafka, settings);
      System.err.println(
          "Playing scenario "
              + loaded.name()
              + " ("
              + loaded.nodeNames().size()
              + " nodes, "
              + loaded.duration().toMinutes()
              + " simulated minutes) into Kafka at "
              + servers);
      ScenarioTruth truth;
      try {
        truth =
            ScenarioRunner.runIntoKafka(
                loaded,
                kafka,
                new Topics(topicPrefix),
                simulatedStart,
                pace,
                new ProgressBar(System.err));
      } catch (IllegalStateException e) {
        System.err.println();
        System.err.println("fleetpulse simulate: " + e.getMessage());
        return 1;
      }
      printTruth(truth);
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static void printTruth(ScenarioTruth truth) {
    System.out.println(
        "simulated "
            + truth.start()
            + " .. "
            + truth.end()
            + ": "
            + truth.scrapes()
            + " scrapes, "
            + truth.requests()
            + " requests");
    System.out.println(
        "breach: "
            + truth
                .breachAt()
                .map(
                    at ->
                        at
                            + " ("
                            + Duration.between(truth.start(), at).toSeconds()
                            + " s in; "
                            + truth.breachReason()
                            + ")")
                .orElse("none"));
    truth
        .crashes()
        .forEach(
            (node, crashes) ->
                System.out.println(
                    "crash: "
                        + node
                        + " at "
                        + crashes
                        + ", back at "
                        + truth.restarts().getOrDefault(node, List.of())));
    truth.slowNodes().forEach(node -> System.out.println("slow node: " + node));
  }

  private int serve(Scenario loaded) throws Exception {
    try (StopSignal stop = new StopSignal();
        SimulatedFleet fleet =
            loaded != null
                ? SimulatedFleet.start(loaded, Clock.systemUTC())
                : SimulatedFleet.start(fleetSpec())) {
      for (SimulatedNode node : fleet.nodes()) {
        System.out.println(
            node.cluster() + " " + node.instance() + " http://" + node.instance() + "/metrics");
      }
      System.out.println(
          "Serving "
              + fleet.nodes().size()
              + " simulated nodes"
              + (loaded != null ? " of scenario " + loaded.name() : "")
              + " (Ctrl-C stops)");
      stop.awaitForever();
    }
    return 0;
  }

  private FleetSpec fleetSpec() {
    FleetSpec defaults = FleetSpec.defaults();
    return new FleetSpec(
        clusters,
        nodesPerCluster,
        defaults.model(),
        requestsPerSecond > 0 ? requestsPerSecond : defaults.requestsPerSecondPerNode(),
        defaults.seed());
  }
}
