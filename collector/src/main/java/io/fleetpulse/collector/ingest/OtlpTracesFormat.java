package io.fleetpulse.collector.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/traces}: OTLP/HTTP, binary protobuf ({@code application/x-protobuf}, as vLLM
 * exports with {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf}) or JSON ({@code
 * application/json}), told apart by the Content-Type and answered in the same encoding. Unusable
 * {@code llm_request} spans are reported as a partial success (rejected_spans and the first
 * reasons), which OTLP answers with 200 so the exporter does not retry data that would fail again.
 */
final class OtlpTracesFormat implements IngestFormat {

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  private static final int REASONS_IN_MESSAGE = 3;

  private final OtlpTraceDecoder decoder;

  OtlpTracesFormat(RequestEventValidator validator) {
    this.decoder = new OtlpTraceDecoder(validator);
  }

  @Override
  public String source() {
    return "otlp";
  }

  @Override
  public DecodedBatch decode(byte[] body, String contentType, Map<String, String> query)
      throws Refusal {
    if (isJson(contentType)) {
      return decoder.decode(OtlpJson.parse(body), query);
    }
    if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
      throw new Refusal(
          415,
          "Content-Type \""
              + contentType
              + "\" is not supported: send OTLP/HTTP as "
              + PROTOBUF
              + " or "
              + JSON);
    }
    return decoder.decode(parseProtobuf(body), query);
  }

  /** The request of a binary OTLP body, for OTLP/HTTP and OTLP/gRPC alike. */
  static ExportTraceServiceRequest parseProtobuf(byte[] body) throws Refusal {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new Refusal(
          400, "the body is not an OTLP ExportTraceServiceRequest: " + e.getMessage());
    }
  }

  /** Decodes a request that arrived over gRPC, with no query parameters. */
  DecodedBatch decode(ExportTraceServiceRequest request) {
    return decoder.decode(request, Map.of());
  }

  @Override
  public Reply reply(DecodedBatch batch, String contentType) {
    ExportTraceServiceResponse response = response(batch);
    if (isJson(contentType)) {
      String json =
          !response.hasPartialSuccess()
              ? "{}"
              : "{\"partialSuccess\":{\"rejectedSpans\":\""
                  + response.getPartialSuccess().getRejectedSpans()
                  + "\",\"errorMessage\":"
                  + jsonString(response.getPartialSuccess().getErrorMessage())
                  + "}}";
      return new Reply(200, JSON, json.getBytes(StandardCharsets.UTF_8));
    }
    return new Reply(200, PROTOBUF, response.toByteArray());
  }

  /**
   * The OTLP answer to a decoded batch: a partial success naming the first reasons when any span
   * was rejected.
   */
  static ExportTraceServiceResponse response(DecodedBatch batch) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!batch.rejections().isEmpty()) {
      String reasons =
          batch.rejections().stream()
              .limit(REASONS_IN_MESSAGE)
              .map(rejection -> "span " + rejection.position() + ": " + rejection.reason())
              .collect(Collectors.joining("; "));
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(batch.rejections().size())
              .setErrorMessage(
                  batch.rejections().size()
                      + " "
                      + OtlpTraceDecoder.SPAN_NAME
                      + " spans rejected: "
                      + reasons));
    }
    return response.build();
  }

  @Override
  public Reply refusal(Refusal refusal, String contentType) {
    int code = RpcStatus.codeFor(refusal.status());
    if (isJson(contentType)) {
      String json = "{\"code\":" + code + ",\"message\":" + jsonString(refusal.getMessage()) + "}";
      return new Reply(refusal.status(), JSON, json.getBytes(StandardCharsets.UTF_8));
    }
    return new Reply(refusal.status(), PROTOBUF, RpcStatus.encode(code, refusal.getMessage()));
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith(JSON);
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    return out.append('"').toString();
  }
}
