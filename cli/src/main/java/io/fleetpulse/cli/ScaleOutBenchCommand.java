package io.fleetpulse.cli;

import io.fleetpulse.cli.broker.EmbeddedKafkaCluster;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.scaleout.Backlog;
import io.fleetpulse.cli.scaleout.BenchFleet;
import io.fleetpulse.cli.scaleout.BenchSetup;
import io.fleetpulse.cli.scaleout.DrainMeasurement;
import io.fleetpulse.cli.scaleout.DrainResult;
import io.fleetpulse.cli.scaleout.ScaleOutSummary;
import io.fleetpulse.cli.scenario.ProgressBar;
import io.fleetpulse.cli.topics.TopicProvisioner;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.StreamsProperties;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows the streams app scaling out: a backlog of a simulated fleet's scrapes is produced into
 * Kafka in simulated time (through the collector's own ScrapeAssembler, as ScenarioRunner does),
 * then 1, 2, 3 ... streams instances in this process, under one application id fresh for each
 * measurement, drain it from its start. Kafka is an in-process 3-broker KRaft cluster unless {@code
 * --bootstrap-servers} names one.
 */
@Command(
    name = "bench-scaleout",
    mixinStandardHelpOptions = true,
    description =
        "Measures how fast 1, 2, 3 ... streams instances drain a backlog of simulated scrapes:"
            + " scrapes/s, drain time, CPU per scrape, partitions per instance, token conservation.")
final class ScaleOutBenchCommand implements Callable<Integer> {

  private static final int BROKERS = 3;
  private static final int MAX_NODES_PER_CLUSTER = 1000;
  private static final int MAX_NODES = 10_000;

  /** Older backlogs add nothing but production time, and a retention may start deleting them. */
  private static final Duration LONGEST_SPAN = Duration.ofHours(1);

  /** The window the conservation check reads: the app's shortest default window. */
  private static final Duration CHECKED_WINDOW = Duration.ofSeconds(10);

  @Option(
      names = "--nodes",
      defaultValue = "500",
      description = "Simulated vLLM nodes, at most " + MAX_NODES + ". Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(
      names = "--clusters",
      defaultValue = "4",
      description =
          "Clusters the nodes are spread over evenly (at most "
              + MAX_NODES_PER_CLUSTER
              + " nodes each). Default: ${DEFAULT-VALUE}.")
  int clusters;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Scrape interval, whole seconds. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--duration",
      defaultValue = "3m",
      converter = DurationConverter.class,
      description = "Simulated span of the backlog, at most 1h. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--instances",
      split = ",",
      defaultValue = "1,2,3",
      description =
          "Streams instances of each measurement, in order; each drains the whole backlog."
              + " Default: ${DEFAULT-VALUE}.")
  List<Integer> instances;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description = "Partitions of every topic the bench creates. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Stream threads per instance (num.stream.threads). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--grace",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "The streams app's grace (streams.grace), at least 8s: the app's default, so that a"
              + " fresh application id on a backlog is measured as deployed. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "",
      description =
          "A Kafka of your own; empty starts a "
              + BROKERS
              + "-broker KRaft cluster in this process.")
  String bootstrapServers;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "A config file whose kafka.client settings (TLS, SASL) reach --bootstrap-servers.")
  Path config;

  @Option(
      names = "--topic-prefix",
      description =
          "Prefix of the topics the bench creates (and leaves behind on a Kafka of your own)."
              + " Default: fleetpulse-bench-<epoch seconds>, fresh every run.")
  String topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String problem = problemWithOptions();
    if (problem != null) {
      spec.commandLine().getErr().println("fleetpulse bench-scaleout: " + problem);
      return 2;
    }
    Path work = Files.createTempDirectory("fleetpulse-bench-scaleout-");
    String prefix =
        topicPrefix != null ? topicPrefix : "fleetpulse-bench-" + System.currentTimeMillis() / 1000;
    try (EmbeddedKafkaCluster cluster =
        bootstrapServers.isEmpty()
            ? EmbeddedKafkaCluster.start(work.resolve("kafka"), BROKERS)
            : null) {
      String servers = cluster != null ? cluster.bootstrapServers() : bootstrapServers;
      KafkaSettings settings =
          new KafkaSettings(
              servers,
              prefix,
              work.resolve("kafka").toString(),
              partitions,
              null,
              null,
              null,
              null,
              null,
              // The embedded cluster takes plain connections only.
              cluster != null || config == null
                  ? null
                  : new ConfigLoader().load(config, System.getenv()).kafka().client());
      KafkaConnection kafka = settings.connection(servers);
      TopicProvisioner.ensureTopics(kafka, settings);
      Topics topics = new Topics(prefix);
      System.err.printf(
          "Producing %d nodes' scrapes over %s simulated into %s...%n",
          nodes, PrometheusDuration.format(duration), servers);
      Backlog backlog =
          Backlog.produce(
              BenchFleet.scenario(nodes, clusters, duration, interval),
              kafka,
              topics,
              CHECKED_WINDOW,
              new ProgressBar(System.err));
      DrainMeasurement measurement =
          new DrainMeasurement(kafka, topics, streamsTemplate(), work.resolve("state"));
      List<DrainResult> results = new ArrayList<>();
      for (int count : instances) {
        System.err.printf(
            "Draining it with %d streams instance%s...%n", count, count == 1 ? "" : "s");
        results.add(measurement.run(count, backlog, new ProgressBar(System.err)));
      }
      String kafkaName =
          cluster != null ? "an in-process " + BROKERS + "-broker KRaft cluster" : servers;
      out()
          .print(
              ScaleOutSummary.markdown(
                  new BenchSetup(
                      nodes,
                      clusters,
                      interval,
                      duration,
                      partitions,
                      threads,
                      kafkaName,
                      Runtime.getRuntime().availableProcessors()),
                  backlog,
                  results));
      out().flush();
      return results.stream().allMatch(DrainResult::conserved) ? 0 : 1;
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("fleetpulse bench-scaleout: " + e.getMessage());
      return 1;
    } finally {
      ScratchDir.deleteRecursively(work);
    }
  }

  private StreamsAppConfig streamsTemplate() {
    return new StreamsAppConfig(
        "fleetpulse-bench-scaleout", null, grace, threads, "unused", null, "127.0.0.1:0");
  }

  /** The first problem with the options, or null. */
  String problemWithOptions() {
    if (nodes < 1 || nodes > MAX_NODES) {
      return "--nodes must be from 1 to " + MAX_NODES + ", got " + nodes;
    }
    if (clusters < 1 || nodes % clusters != 0) {
      return "--nodes " + nodes + " must split evenly over --clusters " + clusters;
    }
    if (nodes / clusters > MAX_NODES_PER_CLUSTER) {
      return "--nodes "
          + nodes
          + " over --clusters "
          + clusters
          + " is more than "
          + MAX_NODES_PER_CLUSTER
          + " nodes per cluster; add clusters";
    }
    if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
      return "--interval must be whole seconds, got " + PrometheusDuration.format(interval);
    }
    Duration shortest = interval.multipliedBy(4).plus(CHECKED_WINDOW.multipliedBy(2));
    if (duration.compareTo(shortest) < 0) {
      return "--duration "
          + PrometheusDuration.format(duration)
          + " is too short: the check leaves out two scrape intervals at each end and needs whole "
          + PrometheusDuration.format(CHECKED_WINDOW)
          + " windows between, so at least "
          + PrometheusDuration.format(shortest);
    }
    if (duration.compareTo(LONGEST_SPAN) > 0) {
      return "--duration must be at most "
          + PrometheusDuration.format(LONGEST_SPAN)
          + ", got "
          + PrometheusDuration.format(duration);
    }
    if (grace.compareTo(StreamsProperties.FAILOVER_TIME) < 0) {
      return "--grace must be at least "
          + PrometheusDuration.format(StreamsProperties.FAILOVER_TIME)
          + " (the failover time the streams app requires), got "
          + PrometheusDuration.format(grace);
    }
    if (partitions < 1) {
      return "--partitions must be at least 1, got " + partitions;
    }
    if (threads < 1) {
      return "--threads must be at least 1, got " + threads;
    }
    if (instances.isEmpty() || new HashSet<>(instances).size() != instances.size()) {
      return "--instances must list instance counts once each, got " + instances;
    }
    for (int count : instances) {
      if (count < 1 || count * threads > partitions) {
        return "--instances "
            + count
            + " must be from 1 to --partitions "
            + partitions
            + " / --threads "
            + threads
            + ": a stream thread without a partition of its own has nothing to drain";
      }
    }
    if (config != null && bootstrapServers.isEmpty()) {
      return "--config needs --bootstrap-servers: the embedded cluster takes plain connections";
    }
    return null;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
