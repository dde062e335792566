package io.fleetpulse.collector.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * OTLP trace exports shaped like vLLM's: one SERVER span named {@code llm_request} per finished
 * request, starting at the request's arrival, with the {@code gen_ai.*} attributes vLLM's output
 * processor sets.
 */
public final class VllmSpans {

  /** 2025-06-01T12:00:00.250Z. */
  public static final long ARRIVAL_NANOS = 1_748_779_200_250_000_000L;

  private VllmSpans() {}

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static KeyValue attribute(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  public static KeyValue attribute(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  /** A span of a request that arrived at {@link #ARRIVAL_NANOS} and ended 2.5 s later. */
  public static Span.Builder llmRequest(String requestId) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(new byte[16]))
        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .setName("llm_request")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(ARRIVAL_NANOS)
        .setEndTimeUnixNano(ARRIVAL_NANOS + 2_500_000_000L)
        .addAttributes(attribute("gen_ai.response.model", "meta-llama/Llama-3.1-8B-Instruct"))
        .addAttributes(attribute("gen_ai.request.id", requestId))
        .addAttributes(attribute("gen_ai.request.max_tokens", 256L))
        .addAttributes(attribute("gen_ai.request.temperature", 0.7))
        .addAttributes(attribute("gen_ai.usage.prompt_tokens", 512L))
        .addAttributes(attribute("gen_ai.usage.completion_tokens", 128L))
        .addAttributes(attribute("gen_ai.latency.time_in_queue", 0.05))
        .addAttributes(attribute("gen_ai.latency.time_to_first_token", 0.3))
        .addAttributes(attribute("gen_ai.latency.e2e", 2.5))
        .addAttributes(attribute("gen_ai.latency.time_in_model_prefill", 0.25))
        .addAttributes(attribute("gen_ai.latency.time_in_model_decode", 2.2))
        .addAttributes(attribute("gen_ai.response.finish_reasons", "[\"length\"]"));
  }

  /** An export from one vLLM process with the given resource attributes. */
  public static ExportTraceServiceRequest export(List<KeyValue> resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(attribute("service.name", "vllm"))
                        .addAllAttributes(resource))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("vllm.llm_engine"))
                        .addAllSpans(List.of(spans))))
        .build();
  }
}
