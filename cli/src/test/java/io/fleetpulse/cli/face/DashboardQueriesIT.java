package io.fleetpulse.cli.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fleetpulse.cli.broker.FreePort;
import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.demo.DemoConfig;
import io.fleetpulse.cli.external.PrometheusProcess;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.schemas.PrometheusDuration;
import io.fleetpulse.simulator.FleetSpec;
import io.fleetpulse.simulator.SimulatedFleet;
import io.fleetpulse.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every shipped dashboard returns data from a real Prometheus scraping the real
 * pipeline: the simulated fleet, collector, streams app and sink, scraped with the shipped
 * prometheus.yml (its jobs pointed at this run's ports, its rules loaded) at a short interval, and
 * the sink's 10 s window. Template variables take the values Grafana would give them from the same
 * Prometheus (multi-value ones at All; each option of a custom one, such as the quantile source, in
 * turn), and Grafana's built-in interval variables the values this scrape interval gives them.
 *
 * <p>Panels in {@link #QUIET_WHEN_HEALTHY} show only what is wrong with single nodes (node-scope
 * signals are published only while active), so on this healthy fleet each must return nothing: a
 * query that answers there would page on a fleet with nothing wrong.
 */
class DashboardQueriesIT {

  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofSeconds(100);
  private static final Path DASHBOARDS = ToolRun.REPOSITORY.resolve("grafana/dashboards");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Dashboard file and panel title, and why the panel has nothing to show on a healthy fleet. */
  private static final Map<String, String> QUIET_WHEN_HEALTHY =
      Map.of(
          "fleetpulse-early-warning.json: Nodes closest to KV-cache exhaustion",
          "no node's KV cache is filling",
          "fleetpulse-node.json: Signals on this node",
          "no signal is active on any node");

  @TempDir Path dir;

  @Test
  void everyDashboardQueryReturnsData() throws Exception {
    List<Dashboard> dashboards = Dashboard.loadAll(DASHBOARDS);
    assertTrue(dashboards.size() >= 4, "dashboards in " + DASHBOARDS + ": " + dashboards.size());
    int streamsPort = FreePort.find();
    try (SimulatedFleet fleet = SimulatedFleet.start(FleetSpec.defaults());
        Pipeline pipeline = Pipeline.start(config(fleet, streamsPort), Component.all());
        PrometheusProcess prometheus =
            PrometheusProcess.start(
                dir.resolve("prometheus"),
                prometheusConfig(
                    Map.of(
                        "fleetpulse-sink",
                            List.of("127.0.0.1:" + pipeline.sink().orElseThrow().port()),
                        "fleetpulse-collector",
                            List.of("127.0.0.1:" + pipeline.collectorHttp().orElseThrow().port()),
                        "fleetpulse-streams", List.of("127.0.0.1:" + streamsPort))))) {
      DemoConfig.postRequestEvents(fleet, pipeline);
      long started = System.currentTimeMillis();
      long deadline = started + LIMIT.toMillis();
      List<String> wrong;
      do {
        Thread.sleep(SCRAPE_INTERVAL.toMillis());
        wrong = wrongAnswers(dashboards, prometheus, started);
      } while (!wrong.isEmpty() && System.currentTimeMillis() < deadline);
      if (!wrong.isEmpty()) {
        fail(
            wrong.size()
                + " dashboard queries answered wrongly after "
                + LIMIT
                + ":\n"
                + String.join("\n", wrong)
                + "\nPrometheus log:\n"
                + prometheus.logText());
      }
      System.out.printf(
          "%d dashboard queries answered as expected after %d s%n",
          dashboards.stream().mapToInt(d -> d.queries().size() * d.customChoices().size()).sum(),
          (System.currentTimeMillis() - started) / 1000);
    }
  }

  @Test
  void everyAwaitedPanelIsOnADashboard() throws Exception {
    Set<String> panels = new HashSet<>();
    for (Dashboard dashboard : Dashboard.loadAll(DASHBOARDS)) {
      dashboard.queries().forEach(q -> panels.add(dashboard.file() + ": " + q.panel()));
    }
    for (String quietPanel : QUIET_WHEN_HEALTHY.keySet()) {
      assertTrue(
          panels.contains(quietPanel),
          "QUIET_WHEN_HEALTHY names no panel of the dashboards: " + quietPanel);
    }
  }

  /** Each query that does not answer as expected: with data, or, quiet when healthy, without. */
  private static List<String> wrongAnswers(
      List<Dashboard> dashboards, PrometheusProcess prometheus, long started) throws Exception {
    long now = System.currentTimeMillis();
    Map<String, String> builtIns = builtIns(now - started);
    List<String> wrong = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      for (Map<String, String> choice : dashboard.customChoices()) {
        TemplateValues values;
        try {
          values = TemplateValues.resolve(dashboard, builtIns, choice, prometheus, now);
        } catch (AssertionError variablesWithoutValues) {
          wrong.add(variablesWithoutValues.getMessage());
          continue;
        }
        for (Dashboard.Query query : dashboard.queries()) {
          String panel = dashboard.file() + ": " + query.panel();
          String expr = values.substitute(query.expr(), panel);
          boolean hasData = !prometheus.result(expr, now).isEmpty();
          String quiet = QUIET_WHEN_HEALTHY.get(panel);
          if (quiet == null && !hasData) {
            wrong.add(panel + " " + choice + ": no data from " + expr);
          } else if (quiet != null && hasData) {
            wrong.add(
                panel
                    + " "
                    + choice
                    + ": returns data on a healthy fleet, where "
                    + quiet
                    + " ("
                    + expr
                    + ")");
          }
        }
      }
    }
    return wrong;
  }

  /**
   * Grafana's interval variables for a dashboard showing the run so far, scraped every
   * SCRAPE_INTERVAL.
   */
  private static Map<String, String> builtIns(long elapsedMs) {
    String interval = PrometheusDuration.format(SCRAPE_INTERVAL);
    // $__rate_interval is at least four scrape intervals, so a rate always has two samples.
    String rateInterval = PrometheusDuration.format(SCRAPE_INTERVAL.multipliedBy(4));
    String range = PrometheusDuration.format(Duration.ofSeconds(Math.max(1, elapsedMs / 1000)));
    return Map.of("__interval", interval, "__rate_interval", rateInterval, "__range", range);
  }

  /**
   * The shipped prometheus.yml with this run's scrape interval, its rules by absolute path, and
   * each FleetPulse job's targets replaced by {@code targetsByJob}; jobs not named there
   * (Prometheus itself) are left out.
   */
  private static String prometheusConfig(Map<String, List<String>> targetsByJob) throws Exception {
    Path shipped = ToolRun.REPOSITORY.resolve("prometheus/prometheus.yml");
    ObjectNode config = (ObjectNode) YAML.readTree(shipped.toFile());
    ObjectNode global = (ObjectNode) config.path("global");
    global.put("scrape_interval", PrometheusDuration.format(SCRAPE_INTERVAL));
    global.put("scrape_timeout", PrometheusDuration.format(SCRAPE_INTERVAL.dividedBy(2)));
    global.put("evaluation_interval", PrometheusDuration.format(SCRAPE_INTERVAL));
    ArrayNode ruleFiles = config.putArray("rule_files");
    ruleFiles.add(ToolRun.REPOSITORY.resolve("prometheus/rules").toString() + "/*.yml");
    Map<String, List<String>> missing = new LinkedHashMap<>(targetsByJob);
    for (Iterator<JsonNode> jobs = config.path("scrape_configs").iterator(); jobs.hasNext(); ) {
      ObjectNode job = (ObjectNode) jobs.next();
      List<String> targets = missing.remove(job.path("job_name").asText());
      if (targets == null) {
        jobs.remove();
        continue;
      }
      ArrayNode statics = job.putArray("static_configs");
      ArrayNode list = statics.addObject().putArray("targets");
      targets.forEach(list::add);
    }
    assertEquals(Map.of(), missing, shipped + " lacks scrape jobs");
    return YAML.writeValueAsString(config);
  }

  /**
   * The demo's config for {@code fleet}, with only the 10 s window and the streams app's health on
   * a free port.
   */
  private FleetPulseConfig config(SimulatedFleet fleet, int streamsPort) {
    FleetPulseConfig demo = DemoConfig.forFleet(fleet, dir.toString(), "127.0.0.1:0");
    StreamsAppConfig streams = demo.streams();
    return new FleetPulseConfig(
        demo.kafka(),
        demo.collector(),
        new StreamsAppConfig(
            streams.applicationId(),
            List.of(Duration.ofSeconds(10)),
            streams.grace(),
            streams.numStreamThreads(),
            streams.stateDir(),
            streams.replicationFactor(),
            "127.0.0.1:" + streamsPort),
        demo.sink());
  }
}
