package io.fleetpulse.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP/HTTP's JSON encoding of a trace export, read into the same protobuf messages the binary
 * encoding yields, so one decoder serves both. It follows the OTLP rules that differ from
 * protobuf's own JSON mapping: ids are hex, not base64, and 64-bit integers may come as strings.
 * Only what the decoder reads is taken (names, times, status, attributes); unknown fields are
 * ignored, as OTLP asks of receivers.
 */
final class OtlpJson {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * Attribute values nest (arrays of arrays); the spans FleetPulse reads need two levels, so 16 is
   * generous.
   */
  private static final int MAX_VALUE_DEPTH = 16;

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private OtlpJson() {}

  static ExportTraceServiceRequest parse(byte[] body) throws Refusal {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refusal(400, "the body is not OTLP JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refusal(400, "the body is not OTLP JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Refusal(
          400, "the body is not an OTLP ExportTraceServiceRequest: expected a JSON object");
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (JsonNode resourceSpans : array(root, "resourceSpans")) {
      ResourceSpans.Builder resource = request.addResourceSpansBuilder();
      JsonNode resourceNode = resourceSpans.path("resource");
      resource.setResource(Resource.newBuilder().addAllAttributes(attributes(resourceNode)));
      for (JsonNode scopeSpans : array(resourceSpans, "scopeSpans")) {
        ScopeSpans.Builder scope = resource.addScopeSpansBuilder();
        for (JsonNode span : array(scopeSpans, "spans")) {
          scope.addSpans(span(span));
        }
      }
    }
    return request.build();
  }

  private static Span span(JsonNode span) throws Refusal {
    Span.Builder builder =
        Span.newBuilder()
            .setName(span.path("name").asText(""))
            .setSpanId(id(span.path("spanId"), "spanId"))
            .setTraceId(id(span.path("traceId"), "traceId"))
            .setStartTimeUnixNano(unsigned(span.path("startTimeUnixNano"), "startTimeUnixNano"))
            .setEndTimeUnixNano(unsigned(span.path("endTimeUnixNano"), "endTimeUnixNano"))
            .addAllAttributes(attributes(span));
    JsonNode code = span.path("status").path("code");
    if (code.isInt()) {
      builder.setStatus(Status.newBuilder().setCodeValue(code.intValue()));
    } else if (code.isTextual()) {
      try {
        builder.setStatus(Status.newBuilder().setCode(Status.StatusCode.valueOf(code.textValue())));
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, "status.code \"" + code.textValue() + "\" is no OTLP status code");
      }
    }
    return builder.build();
  }

  private static List<KeyValue> attributes(JsonNode owner) throws Refusal {
    java.util.ArrayList<KeyValue> attributes = new java.util.ArrayList<>();
    for (JsonNode attribute : array(owner, "attributes")) {
      attributes.add(
          KeyValue.newBuilder()
              .setKey(attribute.path("key").asText(""))
              .setValue(value(attribute.path("value"), 0))
              .build());
    }
    return attributes;
  }

  private static AnyValue value(JsonNode value, int depth) throws Refusal {
    if (depth > MAX_VALUE_DEPTH) {
      throw new Refusal(400, "an attribute value nests deeper than " + MAX_VALUE_DEPTH + " levels");
    }
    AnyValue.Builder builder = AnyValue.newBuilder();
    if (value.has("stringValue")) {
      builder.setStringValue(value.get("stringValue").asText());
    } else if (value.has("intValue")) {
      builder.setIntValue(signed(value.get("intValue"), "intValue"));
    } else if (value.has("doubleValue")) {
      JsonNode number = value.get("doubleValue");
      if (!number.isNumber()) {
        throw new Refusal(400, "doubleValue must be a number");
      }
      builder.setDoubleValue(number.doubleValue());
    } else if (value.has("boolValue")) {
      builder.setBoolValue(value.get("boolValue").asBoolean());
    } else if (value.has("arrayValue")) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      for (JsonNode element : array(value.get("arrayValue"), "values")) {
        array.addValues(value(element, depth + 1));
      }
      builder.setArrayValue(array);
    }
    return builder.build();
  }

  private static Iterable<JsonNode> array(JsonNode owner, String field) throws Refusal {
    JsonNode array = owner.path(field);
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new Refusal(400, field + " must be a JSON array");
    }
    return array;
  }

  private static ByteString id(JsonNode id, String field) throws Refusal {
    if (id.isMissingNode() || id.isNull() || id.asText().isEmpty()) {
      return ByteString.EMPTY;
    }
    try {
      return ByteString.copyFrom(HexFormat.of().parseHex(id.asText()));
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, field + " must be hex, as OTLP JSON writes ids");
    }
  }

  private static long unsigned(JsonNode number, String field) throws Refusal {
    if (number.isMissingNode() || number.isNull()) {
      return 0;
    }
    try {
      return number.isTextual()
          ? Long.parseUnsignedLong(number.textValue())
          : checkedLong(number, field);
    } catch (NumberFormatException e) {
      throw new Refusal(400, field + " must be a whole number");
    }
  }

  private static long signed(JsonNode number, String field) throws Refusal {
    try {
      return number.isTextual() ? Long.parseLong(number.textValue()) : checkedLong(number, field);
    } catch (NumberFormatException e) {
      throw new Refusal(400, field + " must be a whole number");
    }
  }

  private static long checkedLong(JsonNode number, String field) throws Refusal {
    if (!number.isIntegralNumber() || !number.canConvertToLong()) {
      throw new Refusal(400, field + " must be a whole number");
    }
    return number.longValue();
  }
}
