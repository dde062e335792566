package io.fleetpulse.simulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.contract.EngineName;
import io.fleetpulse.simulator.batching.EngineConfig;
import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishedRequest;
import io.fleetpulse.simulator.batching.ListenerFanOut;
import io.fleetpulse.simulator.batching.SimulatedEngine;
import io.fleetpulse.simulator.batching.StepReport;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every engine's page after a minute of work against its fixture: the same families with the same
 * types, label names and bucket bounds, and token counters equal to what the model did. Differences
 * that are by design: TGI's failure and concat series carry the values the model produces ({@code
 * err="dropped"}, {@code reason="backpressure"}) where the fixture shows others, under the same
 * label names.
 */
class EngineFormatsTest {

  private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  private static final double STARTED = 1795835430.25;
  private static final long SECOND = 1_000_000;

  private static final class Totals implements EngineListener {
    long stepGenerationTokens;
    long finishedGenerationTokens;
    long finishedPromptTokens;
    long finished;

    @Override
    public void stepFinished(StepReport step) {
      stepGenerationTokens += step.generationTokens();
    }

    @Override
    public void requestFinished(FinishedRequest request) {
      finishedGenerationTokens += request.generationTokens();
      finishedPromptTokens += request.promptTokens();
      finished++;
    }
  }

  private record Run(String page, Totals totals) {}

  private static Run oneMinuteOf(EngineName engine) {
    NodeExposition exposition =
        EngineFormats.create(engine, MODEL, EngineConfig.defaults(), STARTED);
    Totals totals = new Totals();
    SimulatedEngine simulated =
        new SimulatedEngine(
            EngineConfig.defaults(),
            8.0,
            new SplittableRandom(11),
            0,
            new ListenerFanOut(List.of(exposition.engineListener(), totals)));
    simulated.advanceTo(60 * SECOND);
    StringBuilder page = new StringBuilder();
    exposition.render(page);
    return new Run(page.toString(), totals);
  }

  private static String fixtureOf(EngineName engine) {
    return EngineFixture.text(engine.wireName() + ".prom");
  }

  private static double sample(String page, String nameAndLabels) {
    Matcher line =
        Pattern.compile("^" + Pattern.quote(nameAndLabels) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(page);
    assertTrue(line.find(), "no sample " + nameAndLabels);
    return Double.parseDouble(line.group(1));
  }

  @ParameterizedTest
  @EnumSource(EngineName.class)
  void servesTheFixturesFamiliesWithTheirTypes(EngineName engine) {
    String page = oneMinuteOf(engine).page();
    assertEquals(
        EngineFixture.linesStartingWith(fixtureOf(engine), "# TYPE "),
        EngineFixture.linesStartingWith(page, "# TYPE "));
  }

  @ParameterizedTest
  @EnumSource(
      value = EngineName.class,
      names = {"TGI", "LLAMACPP", "SGLANG"})
  void servesTheFixturesSeriesWithTheSameLabelNamesAndBuckets(EngineName engine) {
    String page = oneMinuteOf(engine).page();
    assertEquals(EngineFixture.sampleShapes(fixtureOf(engine)), EngineFixture.sampleShapes(page));
  }

  @ParameterizedTest
  @EnumSource(EngineName.class)
  void servesTheFixturesHelpTexts(EngineName engine) {
    String page = oneMinuteOf(engine).page();
    assertEquals(
        EngineFixture.linesStartingWith(fixtureOf(engine), "# HELP "),
        EngineFixture.linesStartingWith(page, "# HELP "));
  }

  @ParameterizedTest
  @EnumSource(EngineName.class)
  void tokenCountersEqualWhatTheModelDid(EngineName engine) {
    Run run = oneMinuteOf(engine);
    Totals truth = run.totals();
    assertTrue(truth.finished > 100, "a minute at 8 requests/s finishes hundreds of requests");
    String labels = "{model_name=\"" + MODEL + "\"}";
    switch (engine) {
      case VLLM ->
          assertEquals(
              truth.stepGenerationTokens,
              sample(
                  run.page(),
                  "vllm:generation_tokens_total{engine=\"0\",model_name=\"" + MODEL + "\"}"));
      case LLAMACPP ->
          assertEquals(
              truth.stepGenerationTokens, sample(run.page(), "llamacpp:tokens_predicted_total"));
      case SGLANG -> {
        assertEquals(
            truth.finishedGenerationTokens,
            sample(run.page(), "sglang:generation_tokens_total" + labels));
        assertEquals(
            truth.finishedPromptTokens, sample(run.page(), "sglang:prompt_tokens_total" + labels));
        assertEquals(truth.finished, sample(run.page(), "sglang:num_requests_total" + labels));
      }
      case TGI -> {
        double dropped = sample(run.page(), "tgi_request_failure{err=\"dropped\"}");
        assertEquals(truth.finished, sample(run.page(), "tgi_request_success") + dropped);
        assertTrue(
            sample(run.page(), "tgi_request_generated_tokens_sum")
                <= truth.finishedGenerationTokens);
        assertTrue(sample(run.page(), "tgi_request_count") >= truth.finished);
      }
    }
  }
}
