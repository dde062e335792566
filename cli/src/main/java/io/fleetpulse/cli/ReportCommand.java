package io.fleetpulse.cli;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.report.FleetReport;
import io.fleetpulse.cli.report.ReportAccumulator;
import io.fleetpulse.cli.report.ReportFormat;
import io.fleetpulse.cli.report.ReportRange;
import io.fleetpulse.cli.report.TierReader;
import io.fleetpulse.cli.topics.KafkaAccessException;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.schemas.contract.Scope;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the rollup tiers (1m, 1h, 1d) and the signals for a range straight from Kafka and"
          + " reports tokens served per day, peak and p50 tokens/s, p99 TTFT and inter-token latency"
          + " per day, minutes of KV saturation, signals fired, node-hours up and down, and the"
          + " capacity knee with the headroom to the last week's peak.",
      "The report goes to stdout (or --out); a progress bar goes to stderr while the topics are read."
    })
final class ReportCommand implements Callable<Integer> {

  private static final List<Scope> SCOPES = List.of(Scope.FLEET, Scope.CLUSTER, Scope.MODEL);

  @Option(
      names = "--since",
      defaultValue = "7d",
      paramLabel = "DURATION|INSTANT",
      description =
          "Start: a duration before now (7d, 36h) or an instant (2026-01-01T00:00:00Z)."
              + " Default: ${DEFAULT-VALUE}.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "DURATION|INSTANT",
      description = "End, as --since. Default: now.")
  String until;

  @Option(
      names = "--scope",
      defaultValue = "model",
      paramLabel = "fleet|cluster|model",
      description =
          "Whose windows the report's rows are: the fleet's, each cluster's or each model's."
              + " Default: ${DEFAULT-VALUE}.")
  String scope;

  @Option(
      names = "--format",
      defaultValue = "md",
      description =
          "md, csv (one block a section, a section column first) or html (self-contained,"
              + " with charts). Default: ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here instead of stdout.")
  Path out;

  @Option(
      names = "--kv-threshold",
      defaultValue = "0.9",
      description =
          "A minute counts as KV-saturated when its max KV-cache usage across nodes is at least"
              + " this (0 to 1). Default: ${DEFAULT-VALUE}.")
  double kvThreshold;

  @Option(
      names = "--bootstrap-servers",
      description = "The Kafka to read. Default: kafka.bootstrap_servers of --config.")
  String bootstrapServers;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "A config file: its kafka.bootstrap_servers, kafka.topic_prefix and kafka.client settings"
              + " (TLS, SASL).")
  Path config;

  @Option(
      names = "--topic-prefix",
      description = "Default: kafka.topic_prefix of --config, else fleetpulse.")
  String topicPrefix;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ReportRange range;
    Scope rows;
    try {
      Instant now = Instant.now();
      range =
          new ReportRange(
              ReportRange.parseBound("--since", since, now),
              until == null ? now.toEpochMilli() : ReportRange.parseBound("--until", until, now));
      rows = scope(scope);
      if (!(kvThreshold > 0 && kvThreshold <= 1)) {
        throw new IllegalArgumentException(
            "--kv-threshold must be above 0 and at most 1, got " + kvThreshold);
      }
    } catch (IllegalArgumentException e) {
      err.println("fleetpulse report: " + e.getMessage());
      return 2;
    }
    KafkaSettings kafka =
        config == null
            ? KafkaSettings.defaults()
            : new ConfigLoader().load(config, System.getenv()).kafka();
    String servers = bootstrapServers != null ? bootstrapServers : kafka.bootstrapServers();
    if (servers.isBlank()) {
      err.println(
          "fleetpulse report: no Kafka to read: give --bootstrap-servers, or --config with"
              + " kafka.bootstrap_servers");
      return 2;
    }
    ReportAccumulator accumulator = new ReportAccumulator(range, rows, kvThreshold);
    long started = System.nanoTime();
    long records;
    try {
      records =
          new TierReader(
                  kafka.connection(servers),
                  new Topics(topicPrefix != null ? topicPrefix : kafka.topicPrefix()))
              .read(range, accumulator, err);
    } catch (AuthenticationException | AuthorizationException e) {
      throw new KafkaAccessException("Kafka at " + servers + " refused the report: " + e, e);
    } catch (KafkaException e) {
      err.println("fleetpulse report: cannot read Kafka at " + servers + ": " + e.getMessage());
      return 1;
    }
    FleetReport report = accumulator.report();
    String rendered = format.renderer().render(report);
    if (out != null) {
      Files.writeString(out, rendered);
    } else {
      spec.commandLine().getOut().print(rendered);
      spec.commandLine().getOut().flush();
    }
    err.println(
        String.format(
            Locale.ROOT,
            "report: %,d records read and reported in %.1f s%s",
            records,
            (System.nanoTime() - started) / 1e9,
            out == null ? "" : ", written to " + out));
    return 0;
  }

  private static Scope scope(String label) {
    for (Scope candidate : SCOPES) {
      if (candidate.label().equals(label)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "--scope must be fleet, cluster or model, got '" + label + "'");
  }
}
