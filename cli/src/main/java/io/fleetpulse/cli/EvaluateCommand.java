package io.fleetpulse.cli;

import io.fleetpulse.cli.config.ConfigLoader;
import io.fleetpulse.cli.evaluate.Evaluation;
import io.fleetpulse.cli.evaluate.LeadTimeScore;
import io.fleetpulse.cli.evaluate.PipelineRestart;
import io.fleetpulse.cli.evaluate.ScenarioChart;
import io.fleetpulse.cli.evaluate.ScenarioEvaluator;
import io.fleetpulse.cli.scenario.ProgressBar;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioException;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import io.fleetpulse.streams.signal.SignalsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs scenarios through the real pipeline (embedded broker, streams app and its detectors) in"
          + " simulated time and reports, for each detector and each upstream baseline rule, when it first fired,"
          + " its lead time before the SLO breach (negative when late) and its false positives.",
      "Baselines: llm-d's static vLLM rules and predict_linear on KV usage, evaluated over the same scraped"
          + " series. An episode that starts before the scenario's incident (ramp, shape change or fault) is a false"
          + " positive; in steady and diurnal scenarios every one is."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "NAME|FILE",
      description =
          "A shipped scenario (steady, diurnal, overload-ramp, long-context-surge, prefix-cache-collapse,"
              + " node-crash, slow-node, flapping-target, mixed-engines), a scenario YAML file, or `all`; repeatable.")
  List<String> scenarios;

  @Option(names = "--json", description = "Print one JSON object per scenario instead of tables.")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Write a Markdown report and one PNG chart per scenario into DIR.")
  Path reportDir;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where each run's broker and streams state go (default: a temporary directory, removed after).")
  Path dataDir;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "A config file whose streams.signals section (thresholds, horizons, pending times) the detectors use,"
              + " so a change can be judged on the scenarios before it is deployed; default: the shipped defaults.")
  Path config;

  @Option(
      names = "--restart-at",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Restart the pipeline this far into each scenario (e.g. 15m): the streams app, once caught up, is"
              + " stopped and started again on its state, and no scrape or event is taken for --restart-downtime."
              + " A restart must raise no signal.")
  Duration restartAt;

  @Option(
      names = "--restart-downtime",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long the restarted pipeline takes nothing in. Default: ${DEFAULT-VALUE}.")
  Duration restartDowntime;

  @Override
  public Integer call() throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    List<Scenario> runs = new ArrayList<>();
    try {
      for (String name : scenarios) {
        if (name.equals("all")) {
          ScenarioLoader.SHIPPED.forEach(shipped -> runs.add(loader.load(shipped)));
        } else {
          runs.add(loader.load(name));
        }
      }
    } catch (ScenarioException e) {
      System.err.println("fleetpulse evaluate: " + e.getMessage());
      return 2;
    }
    if (reportDir != null) {
      Files.createDirectories(reportDir);
    }
    SignalsConfig signals =
        config == null
            ? SignalsConfig.defaults()
            : new ConfigLoader().load(config, System.getenv()).streams().signals();
    ScenarioEvaluator evaluator = new ScenarioEvaluator(signals);
    StringBuilder markdown = new StringBuilder("# FleetPulse early-warning evaluation\n\n");
    for (Scenario scenario : runs) {
      System.err.println("evaluate: " + scenario.name() + " (" + scenario.description() + ")");
      Path work =
          dataDir != null
              ? dataDir.resolve(scenario.name())
              : Files.createTempDirectory("fleetpulse-evaluate-");
      ScenarioEvaluator.Result result;
      try {
        result =
            evaluator.evaluate(
                scenario,
                work,
                new ProgressBar(System.err),
                restartAt == null ? null : new PipelineRestart(restartAt, restartDowntime));
      } finally {
        if (dataDir == null) {
          WorkDirectory.deleteRecursively(work);
        }
      }
      Evaluation evaluation = result.evaluation();
      System.out.println(json ? evaluation.toJson() : table(evaluation));
      if (reportDir != null) {
        String chart = scenario.name() + ".png";
        ScenarioChart.write(
            reportDir.resolve(chart),
            scenario.name(),
            result.timeline(),
            firstFires(evaluation),
            evaluation.breachMs() == null ? null : minutes(evaluation, evaluation.breachMs()));
        markdown.append(evaluation.toMarkdown(chart));
      }
    }
    if (reportDir != null) {
      Files.writeString(reportDir.resolve("evaluation.md"), markdown);
      System.err.println("evaluate: report in " + reportDir.resolve("evaluation.md"));
    }
    return 0;
  }

  private static String table(Evaluation evaluation) {
    StringBuilder out =
        new StringBuilder(evaluation.scenario())
            .append(": ")
            .append(
                evaluation.breachMs() == null
                    ? "no breach"
                    : String.format(
                        Locale.ROOT,
                        "breach at %.1f min",
                        minutes(evaluation, evaluation.breachMs())))
            .append('\n');
    List<LeadTimeScore> all = new ArrayList<>(evaluation.detectors());
    all.addAll(evaluation.baselines());
    for (LeadTimeScore score : all) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-90s %10s %10s %3d FP%n",
              score.name(),
              score.firstFiredMs() == null
                  ? "-"
                  : String.format(
                      Locale.ROOT, "%.1f min", minutes(evaluation, score.firstFiredMs())),
              score.leadSeconds() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%+.0f s", score.leadSeconds()),
              score.falsePositives()));
    }
    return out.toString();
  }

  /** Each detector's and baseline's first fire, for the chart's markers. */
  private static Map<String, Double> firstFires(Evaluation evaluation) {
    Map<String, Double> marks = new LinkedHashMap<>();
    List<LeadTimeScore> all = new ArrayList<>(evaluation.detectors());
    all.addAll(evaluation.baselines());
    for (LeadTimeScore score : all) {
      if (score.firstFiredMs() != null) {
        marks.put(score.name(), minutes(evaluation, score.firstFiredMs()));
      }
    }
    return marks;
  }

  private static double minutes(Evaluation evaluation, long atMs) {
    return (atMs - evaluation.startMs()) / 60_000.0;
  }
}
