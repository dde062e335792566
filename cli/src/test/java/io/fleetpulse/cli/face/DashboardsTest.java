package io.fleetpulse.cli.face;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The dashboards' shape, without a Prometheus: each names the provisioned datasource, defines every
 * variable it uses (cluster and model multi-select with All), and none repeats upstream's mistakes:
 * no rate() over a gauge, no quantiles averaged or summed across series. That every query returns
 * data is DashboardQueriesIT's job.
 */
class DashboardsTest {

  private static final Path GRAFANA = ToolRun.REPOSITORY.resolve("grafana");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  private static final Pattern COUNTER_FUNCTION =
      Pattern.compile("\\b(rate|irate|increase)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static final Pattern AGGREGATION = Pattern.compile("\\b(avg|sum)\\b\\s*(by|without|\\()");
  private static final Pattern QUANTILE_METRIC =
      Pattern.compile(
          "fleetpulse_(time_to_first_token|inter_token_latency|e2e_request_latency|queue_time)_seconds\\{");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDashboardNamesTheProvisionedDatasourceAndHasItsOwnUid() throws IOException {
    String datasourceUid =
        new ObjectMapper(new YAMLFactory())
            .readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml").toFile())
            .path("datasources")
            .path(0)
            .path("uid")
            .asText();
    Set<String> uids = new HashSet<>();
    List<Executable> checks = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      JsonNode root = JSON.readTree(file.toFile());
      checks.add(
          () ->
              assertTrue(uids.add(root.path("uid").asText()), file + ": uid repeated or missing"));
      for (JsonNode datasource : root.findValues("datasource")) {
        checks.add(
            () ->
                assertEquals(
                    datasourceUid,
                    datasource.path("uid").asText(),
                    file + ": a datasource other than the provisioned one"));
      }
    }
    assertAll(checks);
  }

  @Test
  void everyVariableUsedIsDefinedAndClusterAndModelAreMultiSelectWithAll() throws IOException {
    List<Executable> checks = new ArrayList<>();
    for (Dashboard dashboard : Dashboard.loadAll(GRAFANA.resolve("dashboards"))) {
      Map<String, Dashboard.Variable> defined =
          dashboard.variables().stream()
              .collect(Collectors.toMap(Dashboard.Variable::name, Function.identity()));
      for (Dashboard.Query query : dashboard.queries()) {
        Matcher used = VARIABLE.matcher(query.expr());
        while (used.find()) {
          String name = used.group(1);
          checks.add(
              () ->
                  assertTrue(
                      name.startsWith("__") || defined.containsKey(name),
                      dashboard.file()
                          + ", "
                          + query.panel()
                          + ": $"
                          + name
                          + " is not a variable of the dashboard"));
        }
      }
      for (String name : List.of("cluster", "model")) {
        Dashboard.Variable variable = defined.get(name);
        if (variable != null) {
          checks.add(
              () ->
                  assertTrue(
                      variable.multi() && variable.includeAll(),
                      dashboard.file() + ": $" + name + " should be multi-select with All"));
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void countersAloneGoThroughRateAndQuantilesAreNeverAggregated() throws IOException {
    List<Executable> checks = new ArrayList<>();
    for (Dashboard dashboard : Dashboard.loadAll(GRAFANA.resolve("dashboards"))) {
      for (Dashboard.Query query : dashboard.queries()) {
        String where = dashboard.file() + ", " + query.panel() + ": " + query.expr();
        Matcher counter = COUNTER_FUNCTION.matcher(query.expr());
        while (counter.find()) {
          String function = counter.group(1);
          String metric = counter.group(2);
          checks.add(
              () ->
                  assertTrue(
                      metric.matches(".*_(total|count|bucket|sum)"),
                      where + ": " + function + "() over " + metric + ", which is no counter"));
        }
        if (QUANTILE_METRIC.matcher(query.expr()).find()) {
          checks.add(
              () ->
                  assertFalse(
                      AGGREGATION.matcher(query.expr()).find(),
                      where + ": quantiles averaged or summed across series"));
        }
      }
    }
    assertAll(checks);
  }

  private static List<Path> dashboardFiles() throws IOException {
    try (var files = Files.list(GRAFANA.resolve("dashboards"))) {
      List<Path> dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertFalse(dashboards.isEmpty(), "no dashboards in " + GRAFANA.resolve("dashboards"));
      return dashboards;
    }
  }
}
