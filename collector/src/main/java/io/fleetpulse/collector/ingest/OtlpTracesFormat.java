package io.fleetpulse.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/traces}: OTLP/HTTP with binary protobuf, as vLLM exports with
 * {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf}. Unusable {@code llm_request} spans are reported as a
 * partial success (rejected_spans and the first reasons), which OTLP answers with 200 so the exporter does not
 * retry data that would fail again.
 */
final class OtlpTracesFormat implements IngestFormat {

  static final String PROTOBUF = "application/x-protobuf";
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
  public DecodedBatch decode(byte[] body, String contentType, Map<String, String> query) throws Refusal {
    if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
      throw new Refusal(415, "Content-Type \"" + contentType + "\" is not supported: send OTLP/HTTP as "
          + PROTOBUF + " (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)");
    }
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new Refusal(400, "the body is not an OTLP ExportTraceServiceRequest: " + e.getMessage());
    }
    return decoder.decode(request, query);
  }

  @Override
  public Reply reply(DecodedBatch batch) {
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (!batch.rejections().isEmpty()) {
      String reasons = batch.rejections().stream().limit(REASONS_IN_MESSAGE)
          .map(rejection -> "span " + rejection.position() + ": " + rejection.reason())
          .collect(Collectors.joining("; "));
      response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(batch.rejections().size())
          .setErrorMessage(
              batch.rejections().size() + " " + OtlpTraceDecoder.SPAN_NAME + " spans rejected: " + reasons));
    }
    return new Reply(200, PROTOBUF, response.build().toByteArray());
  }

  @Override
  public Reply refusal(Refusal refusal) {
    byte[] status = RpcStatus.encode(RpcStatus.codeFor(refusal.status()), refusal.getMessage());
    return new Reply(refusal.status(), PROTOBUF, status);
  }
}
