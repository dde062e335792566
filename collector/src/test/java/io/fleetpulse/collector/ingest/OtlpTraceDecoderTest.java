package io.fleetpulse.collector.ingest;

import static io.fleetpulse.collector.ingest.VllmSpans.attribute;
import static io.fleetpulse.collector.ingest.VllmSpans.export;
import static io.fleetpulse.collector.ingest.VllmSpans.llmRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.RequestEvent;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpTraceDecoderTest {

  private final OtlpTraceDecoder decoder =
      new OtlpTraceDecoder(
          new RequestEventValidator(
              Clock.fixed(JsonLinesDecoderTest.NOW, ZoneOffset.UTC), IngestConfig.defaults()));

  private static final List<KeyValue> GPU_1 =
      List.of(
          attribute("service.instance.id", "gpu-1"), attribute("fleetpulse.cluster", "us-east"));

  /** {@code span} with its attributes of the given keys removed. */
  private static Span.Builder without(Span.Builder span, String... keys) {
    List<String> removed = List.of(keys);
    List<KeyValue> kept =
        span.getAttributesList().stream().filter(a -> !removed.contains(a.getKey())).toList();
    return span.clearAttributes().addAllAttributes(kept);
  }

  private RequestEvent only(DecodedBatch batch) {
    assertEquals(List.of(), batch.rejections());
    assertEquals(1, batch.events().size());
    return batch.events().get(0);
  }

  @Test
  void anLlmRequestSpanBecomesTheRequestEventItDescribes() {
    RequestEvent event =
        only(decoder.decode(export(GPU_1, llmRequest("cmpl-42").build()), Map.of()));

    assertEquals(
        new RequestEvent(
            "cmpl-42",
            "us-east",
            "gpu-1",
            "meta-llama/Llama-3.1-8B-Instruct",
            Instant.parse("2025-06-01T12:00:00.250Z"),
            0.05,
            0.3,
            2.5,
            512,
            128,
            "length"),
        event);
  }

  @Test
  void queryParametersNameWhereTheRequestRanAndOverrideResourceAttributes() {
    RequestEvent event =
        only(
            decoder.decode(
                export(GPU_1, llmRequest("a").build()),
                Map.of("cluster", "eu-west", "node", "gpu-9")));

    assertEquals("eu-west", event.getCluster());
    assertEquals("gpu-9", event.getNode());
  }

  @Test
  void hostNameServesAsNodeAndTheClusterDefaults() {
    RequestEvent event =
        only(
            decoder.decode(
                export(List.of(attribute("host.name", "box-3")), llmRequest("a").build()),
                Map.of()));

    assertEquals("box-3", event.getNode());
    assertEquals("default", event.getCluster());
  }

  @Test
  void newerAttributeNamesAndAFinishReasonArrayAreRead() {
    Span span =
        without(
                llmRequest("a"),
                "gen_ai.usage.prompt_tokens",
                "gen_ai.usage.completion_tokens",
                "gen_ai.response.finish_reasons",
                "gen_ai.response.model",
                "gen_ai.latency.e2e")
            .addAttributes(attribute("gen_ai.request.model", "qwen"))
            .addAttributes(attribute("gen_ai.usage.input_tokens", 10L))
            .addAttributes(attribute("gen_ai.usage.output_tokens", 20.0))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("gen_ai.response.finish_reasons")
                    .setValue(
                        AnyValue.newBuilder()
                            .setArrayValue(
                                ArrayValue.newBuilder()
                                    .addValues(AnyValue.newBuilder().setStringValue("abort")))))
            .build();

    RequestEvent event = only(decoder.decode(export(GPU_1, span), Map.of()));

    assertEquals("qwen", event.getModel());
    assertEquals(10, event.getPromptTokens());
    assertEquals(20, event.getGenerationTokens());
    assertEquals("abort", event.getFinishReason());
    assertEquals(2.5, event.getE2eLatencySeconds(), 1e-9, "e2e from the span's start and end");
  }

  @Test
  void withoutAFinishReasonAnErrorStatusMeansErrorAndAnythingElseStop() {
    Span.Builder old = without(llmRequest("a"), "gen_ai.response.finish_reasons");
    Span failed =
        old.clone()
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();

    assertEquals(
        "stop", only(decoder.decode(export(GPU_1, old.build()), Map.of())).getFinishReason());
    assertEquals("error", only(decoder.decode(export(GPU_1, failed), Map.of())).getFinishReason());
  }

  @Test
  void unusableSpansAreRejectedWithReasonsAndOtherSpansIgnored() {
    Span noNode = llmRequest("a").build();
    Span tooFast =
        llmRequest("b").addAttributes(attribute("gen_ai.latency.time_to_first_token", 9.0)).build();
    Span otherName = llmRequest("c").setName("llm_core").build();
    Span good = llmRequest("d").build();

    DecodedBatch withoutNode = decoder.decode(export(List.of(), noNode), Map.of());
    DecodedBatch mixed = decoder.decode(export(GPU_1, tooFast, otherName, good), Map.of());

    assertEquals(
        "no node: add ?node= to the endpoint URL or set the service.instance.id resource attribute "
            + "(OTEL_RESOURCE_ATTRIBUTES)",
        withoutNode.rejections().get(0).reason());
    assertEquals(
        List.of(
            new DecodedBatch.Rejection(
                1, "time_to_first_token_seconds 9.0 exceeds e2e_latency_seconds 2.5")),
        mixed.rejections());
    assertEquals(1, mixed.events().size(), "the llm_core span is no request event");
    assertEquals("d", mixed.events().get(0).getRequestId());
  }
}
