package io.fleetpulse.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code llm_request} spans vLLM exports (its {@code --otlp-traces-endpoint}) into
 * request events, one per span, with vLLM's {@code gen_ai.*} attributes; other spans are ignored.
 * Where a request ran is taken from the endpoint's query parameters ({@code
 * ?cluster=…&node=…&model=…}) when given, else from resource attributes: node from {@code
 * service.instance.id} or {@code host.name}, cluster from {@code fleetpulse.cluster} or {@code
 * k8s.cluster.name} (else "default"); the model from the span's {@code gen_ai.response.model} or
 * {@code gen_ai.request.model}, else {@code ?model=}. A span without a finish reason (vLLM before
 * it exported {@code gen_ai.response.finish_reasons}) counts as "error" when its status is ERROR
 * and "stop" otherwise.
 */
final class OtlpTraceDecoder {

  static final String SPAN_NAME = "llm_request";
  static final String DEFAULT_CLUSTER = "default";

  private final JsonFactory json = new JsonFactory();
  private final RequestEventValidator validator;

  OtlpTraceDecoder(RequestEventValidator validator) {
    this.validator = validator;
  }

  DecodedBatch decode(ExportTraceServiceRequest request, Map<String, String> query) {
    List<DecodedBatch.Accepted> events = new ArrayList<>();
    List<DecodedBatch.Rejection> rejections = new ArrayList<>();
    int position = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      OtlpAttributes resource = new OtlpAttributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          position++;
          if (!SPAN_NAME.equals(span.getName())) {
            continue;
          }
          try {
            events.add(
                new DecodedBatch.Accepted(
                    position, validator.validate(fields(span, resource, query))));
          } catch (InvalidRequestEvent e) {
            rejections.add(new DecodedBatch.Rejection(position, e.getMessage()));
          }
        }
      }
    }
    return new DecodedBatch(events, rejections);
  }

  private RequestEventFields fields(Span span, OtlpAttributes resource, Map<String, String> query)
      throws InvalidRequestEvent {
    OtlpAttributes attributes = new OtlpAttributes(span.getAttributesList());
    String node = firstOf(query.get("node"), resource.string("service.instance.id", "host.name"));
    if (node == null) {
      throw new InvalidRequestEvent(
          "no node: add ?node= to the endpoint URL or set the service.instance.id "
              + "resource attribute (OTEL_RESOURCE_ATTRIBUTES)");
    }
    String model =
        firstOf(
            attributes.string("gen_ai.response.model", "gen_ai.request.model"), query.get("model"));
    if (model == null) {
      throw new InvalidRequestEvent(
          "no model: the span has no gen_ai.response.model; add ?model= to the endpoint URL");
    }
    String cluster =
        firstOf(query.get("cluster"), resource.string("fleetpulse.cluster", "k8s.cluster.name"));
    Double e2e = attributes.seconds("gen_ai.latency.e2e");
    if (e2e == null
        && span.getEndTimeUnixNano() > span.getStartTimeUnixNano()
        && span.getStartTimeUnixNano() > 0) {
      e2e = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e9;
    }
    return new RequestEventFields(
        firstOf(
            attributes.string("gen_ai.request.id"),
            HexFormat.of().formatHex(span.getSpanId().toByteArray())),
        cluster == null ? DEFAULT_CLUSTER : cluster,
        node,
        model,
        span.getStartTimeUnixNano() == 0
            ? null
            : Instant.EPOCH.plusNanos(span.getStartTimeUnixNano()),
        attributes.seconds("gen_ai.latency.time_in_queue"),
        attributes.seconds("gen_ai.latency.time_to_first_token"),
        e2e,
        attributes.count("gen_ai.usage.prompt_tokens", "gen_ai.usage.input_tokens"),
        attributes.count("gen_ai.usage.completion_tokens", "gen_ai.usage.output_tokens"),
        finishReason(attributes.get("gen_ai.response.finish_reasons"), span.getStatus()));
  }

  /**
   * vLLM writes the list as a JSON string ("[\"stop\"]"); the semantic conventions make it a string
   * array.
   */
  private String finishReason(AnyValue reasons, Status status) throws InvalidRequestEvent {
    if (reasons == null) {
      return status.getCode() == Status.StatusCode.STATUS_CODE_ERROR ? "error" : "stop";
    }
    String first = null;
    if (reasons.hasArrayValue() && reasons.getArrayValue().getValuesCount() > 0) {
      first = reasons.getArrayValue().getValues(0).getStringValue();
    } else if (reasons.hasStringValue()) {
      first =
          reasons.getStringValue().trim().startsWith("[")
              ? firstOfJsonList(reasons.getStringValue())
              : reasons.getStringValue();
    }
    if (first == null || first.isEmpty()) {
      throw new InvalidRequestEvent("gen_ai.response.finish_reasons holds no finish reason");
    }
    return first.toLowerCase(Locale.ROOT);
  }

  private String firstOfJsonList(String text) throws InvalidRequestEvent {
    try (JsonParser parser = json.createParser(text)) {
      if (parser.nextToken() == JsonToken.START_ARRAY
          && parser.nextToken() == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
    } catch (IOException e) {
      throw new InvalidRequestEvent(
          "gen_ai.response.finish_reasons \"" + text + "\" is not a JSON list of strings");
    }
    return null;
  }

  private static String firstOf(String preferred, String fallback) {
    return preferred != null && !preferred.isEmpty() ? preferred : fallback;
  }
}
