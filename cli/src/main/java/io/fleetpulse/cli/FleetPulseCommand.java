package io.fleetpulse.cli;

import io.fleetpulse.cli.config.ConfigException;
import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.topics.KafkaAccessException;
import io.fleetpulse.collector.http.ServerTimeouts;
import io.fleetpulse.collector.scrape.CommonPoolParallelism;
import io.fleetpulse.schemas.AvroTrust;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code fleetpulse} command: one subcommand per way of running FleetPulse. */
@Command(
    name = "fleetpulse",
    mixinStandardHelpOptions = true,
    version = "FleetPulse 0.1.0",
    description = "Fleet-wide monitoring of LLM inference servers, on Kafka.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      BrokerCommand.class,
      SimulateCommand.class,
      EvaluateCommand.class,
      ReportCommand.class,
      ScrapeBenchCommand.class,
      PipelineBenchCommand.class,
      ScaleOutBenchCommand.class,
      ParseCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FleetPulseCommand implements Runnable {

  /** The exit code of a config mistake, as for any usage error. */
  static final int CONFIG_ERROR = 2;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print its stack trace too.")
  boolean verbose;

  public static void main(String[] args) {
    CommonPoolParallelism.install();
    AvroTrust.install();
    ServerTimeouts.install();
    if (args.length > 0 && args[0].equals("demo")) {
      // The live table owns the terminal: log lines go to the log file unless they are errors.
      System.setProperty("fleetpulse.console.level", "ERROR");
    } else if (args.length > 0
        && (args[0].equals("bench-pipeline") || args[0].equals("bench-scaleout"))) {
      // Their progress bars share stderr with the log: only what went wrong interrupts them, not
      // brokers and streams instances starting and stopping.
      System.setProperty("fleetpulse.console.level", "WARN");
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The command with its error handling: a config mistake is one line on stderr and exit code 2, a
   * Kafka that refuses FleetPulse's login one line and exit code 1, with the stack trace only under
   * {@code --verbose}.
   */
  static CommandLine commandLine() {
    CommandLine command = new CommandLine(new FleetPulseCommand());
    command.setExecutionExceptionHandler(
        (error, failed, parseResult) -> {
          if (!(error instanceof ConfigException) && !(error instanceof KafkaAccessException)) {
            throw error;
          }
          failed.getErr().println("fleetpulse: " + error.getMessage());
          if (verbose(parseResult)) {
            error.printStackTrace(failed.getErr());
          }
          return error instanceof ConfigException ? CONFIG_ERROR : 1;
        });
    return command;
  }

  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "collector",
      mixinStandardHelpOptions = true,
      description = "Only the collector: scrapes the configured targets into Kafka.")
  int collector(
      @Option(
              names = {"-c", "--config"},
              required = true)
          Path config)
      throws InterruptedException {
    return runAlone(Component.COLLECTOR, config);
  }

  @Command(
      name = "streams",
      mixinStandardHelpOptions = true,
      description = "Only the streams app: scrapes in, windowed fleet statistics out.")
  int streams(
      @Option(
              names = {"-c", "--config"},
              required = true)
          Path config)
      throws InterruptedException {
    return runAlone(Component.STREAMS, config);
  }

  @Command(
      name = "sink",
      mixinStandardHelpOptions = true,
      description = "Only the sink: fleet statistics from Kafka on a Prometheus /metrics endpoint.")
  int sink(
      @Option(
              names = {"-c", "--config"},
              required = true)
          Path config)
      throws InterruptedException {
    return runAlone(Component.SINK, config);
  }

  /**
   * A component deployed on its own shares Kafka with the others, so it must be told where that
   * Kafka is.
   */
  private static int runAlone(Component component, Path configFile) throws InterruptedException {
    FleetPulseConfig config = new ConfigLoader().load(configFile, System.getenv());
    if (config.kafka().embedded()) {
      System.err.println(
          "fleetpulse "
              + component.name().toLowerCase(java.util.Locale.ROOT)
              + ": kafka.bootstrap_servers must be set when a component runs alone "
              + "(use `fleetpulse broker` for a local Kafka, or `fleetpulse run` for everything in one process)");
      return 2;
    }
    return RunCommand.runUntilStopped(config, Set.of(component));
  }
}
