package io.fleetpulse.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.contract.EngineName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ScenarioLoaderTest {

  private static final List<String> SHIPPED = ScenarioLoader.SHIPPED;
  private final ScenarioLoader loader = new ScenarioLoader();

  private static final String MINIMAL =
      """
      seed: 1
      duration: 1m
      slo: {ttft_p99_seconds: 2}
      fleet:
        clusters: [a]
        groups:
          - nodes: 2
      arrivals: {type: constant, rate: 3}
      """;

  @ParameterizedTest
  @FieldSource("SHIPPED")
  void everyShippedScenarioLoadsUnderItsOwnName(String name) {
    Scenario scenario = loader.load(name);
    assertEquals(name, scenario.name());
    assertFalse(scenario.nodeNames().isEmpty());
  }

  @Test
  void everyFileInTheScenarioFolderIsShipped() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios"))) {
      assertEquals(
          SHIPPED.stream().sorted().toList(),
          files
              .map(file -> file.getFileName().toString().replaceAll("\\.yml$", ""))
              .sorted()
              .toList());
    }
  }

  @Test
  void aUserFileIsLoadedByPathWithDefaultsForWhatItLeavesOut(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.yml");
    Files.writeString(file, MINIMAL);
    Scenario scenario = loader.load(file.toString());
    assertEquals(Duration.ofSeconds(5), scenario.scrapeInterval());
    assertEquals(List.of("a-0", "a-1"), scenario.nodeNames());
    assertEquals(EngineName.VLLM, scenario.fleet().groups().get(0).engineName());
    assertEquals(3.0, scenario.workload().requestsPerSecond(0));
    assertEquals(0.0, scenario.workload().shapeAt(0).cancelShare());
  }

  @Test
  void mistakesNameTheFileTheOptionAndTheLineInOneLine() {
    String badEngine = MINIMAL.replace("    - nodes: 2", "    - nodes: 2\n      engine: triton");
    ScenarioException error =
        assertThrows(ScenarioException.class, () -> loader.parse(badEngine, "mine.yml"));
    assertTrue(
        error.getMessage().startsWith("mine.yml: option fleet.groups[0]"), error.getMessage());
    assertTrue(error.getMessage().contains("(line "), error.getMessage());
    assertTrue(
        error.getMessage().contains("engine 'triton' is not one of vllm, tgi, llamacpp, sglang"));
    assertFalse(error.getMessage().contains("\n"), error.getMessage());

    String badDuration = MINIMAL.replace("duration: 1m", "duration: 1 minute");
    String message =
        assertThrows(ScenarioException.class, () -> loader.parse(badDuration, "d.yml"))
            .getMessage();
    assertTrue(message.startsWith("d.yml: option duration (line 2)"), message);

    String unknown = MINIMAL + "flavour: spicy\n";
    message =
        assertThrows(ScenarioException.class, () -> loader.parse(unknown, "u.yml")).getMessage();
    assertTrue(message.startsWith("u.yml: option flavour (line 10)"), message);
  }

  @Test
  void faultsMustNameANodeOfTheFleetAndStartWithinTheRun() {
    String stranger = MINIMAL + "faults: [{type: crash, node: b-0, at: 10s}]\n";
    String message =
        assertThrows(ScenarioException.class, () -> loader.parse(stranger, "f.yml")).getMessage();
    assertTrue(
        message.contains("faults[0].node 'b-0' is not in the fleet (nodes are a-0 .. a-1)"),
        message);
    String late = MINIMAL + "faults: [{type: slow, node: a-1, from: 2m, factor: 2}]\n";
    message = assertThrows(ScenarioException.class, () -> loader.parse(late, "f.yml")).getMessage();
    assertTrue(message.contains("faults[0] starts at 2m, not before the end (1m)"), message);
  }

  @Test
  void ratesAndShapesFollowTheirKeyframes() {
    Scenario ramp =
        loader.parse(
            MINIMAL.replace(
                    "{type: constant, rate: 3}",
                    "{type: ramp, from: 2, to: 12, start: 10s, end: 30s}")
                + """
        request_shape:
          - {at: 0s, prompt_mean_tokens: 100}
          - {at: 1m, prompt_mean_tokens: 300}
        """,
            "r.yml");
    assertEquals(2.0, ramp.workload().requestsPerSecond(5_000_000));
    assertEquals(7.0, ramp.workload().requestsPerSecond(20_000_000), 1e-9);
    assertEquals(12.0, ramp.workload().requestsPerSecond(40_000_000));
    assertEquals(200.0, ramp.workload().shapeAt(30_000_000).promptMeanTokens(), 1e-9);
    assertEquals(300.0, ramp.workload().shapeAt(90_000_000).promptMeanTokens(), 1e-9);
  }

  @Test
  void theIncidentStartsWithTheFirstDepartureFromASteadyFleet() {
    assertEquals(Optional.empty(), loader.load("steady").incidentOnset());
    assertEquals(Optional.empty(), loader.load("diurnal").incidentOnset());
    assertEquals(Optional.of(Duration.ofMinutes(10)), loader.load("overload-ramp").incidentOnset());
    assertEquals(
        Optional.of(Duration.ofMinutes(5)), loader.load("long-context-surge").incidentOnset());
    assertEquals(
        Optional.of(Duration.ofMinutes(10)), loader.load("prefix-cache-collapse").incidentOnset());
    assertEquals(Optional.of(Duration.ofMinutes(10)), loader.load("node-crash").incidentOnset());
    assertEquals(Optional.of(Duration.ofMinutes(5)), loader.load("slow-node").incidentOnset());
    assertEquals(
        Optional.of(Duration.ofMinutes(10)), loader.load("flapping-target").incidentOnset());
  }

  @Test
  void aFlapCutsTheTargetOffForItsDownTimeOfEveryCycleAndStopsAfterItsCycles() {
    Scenario scenario =
        loader.parse(
            MINIMAL
                + "faults: [{type: flap, node: a-0, from: 10s, down_for: 5s, up_for: 10s,"
                + " cycles: 2}]\n",
            "flap.yml");
    Fault.Flap flap = (Fault.Flap) scenario.faults().get(0);
    assertFalse(flap.unreachableAt(9_999), "before it starts");
    assertTrue(flap.unreachableAt(10_000));
    assertTrue(flap.unreachableAt(14_999));
    assertFalse(flap.unreachableAt(15_000), "up for the rest of the cycle");
    assertTrue(flap.unreachableAt(25_000), "the second cycle");
    assertFalse(flap.unreachableAt(40_000), "no third cycle");
    String endless =
        MINIMAL + "faults: [{type: flap, node: a-0, from: 0s, down_for: 0s, up_for: 10s}]\n";
    String message =
        assertThrows(ScenarioException.class, () -> loader.parse(endless, "f.yml")).getMessage();
    assertTrue(message.contains("down_for must be between 1s and 1h, got 0s"), message);
  }
}
