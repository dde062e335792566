package io.fleetpulse.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/requests}: JSON lines in, {@code {"accepted": N, "rejected": [{"line": L,
 * "reason": "…"}]}} out, 200 when every line was accepted and 400 when any was not (the accepted
 * ones are kept either way). At most {@value #MAX_LISTED} rejections are listed; {@code
 * rejected_total} counts them all.
 */
final class JsonLinesFormat implements IngestFormat {

  static final int MAX_LISTED = 100;
  private static final String JSON = "application/json";

  private final JsonFactory json = new JsonFactory();
  private final JsonLinesDecoder decoder;

  JsonLinesFormat(RequestEventValidator validator) {
    this.decoder = new JsonLinesDecoder(validator);
  }

  @Override
  public String source() {
    return "jsonl";
  }

  @Override
  public DecodedBatch decode(byte[] body, String contentType, Map<String, String> query)
      throws Refusal {
    DecodedBatch batch = decoder.decode(body);
    if (batch.accepted().isEmpty() && batch.rejections().isEmpty()) {
      throw new Refusal(400, "empty body: send one JSON object per line");
    }
    return batch;
  }

  @Override
  public Reply reply(DecodedBatch batch, String contentType) {
    List<DecodedBatch.Rejection> rejections = batch.rejections();
    byte[] body =
        write(
            generator -> {
              generator.writeNumberField("accepted", batch.accepted().size());
              generator.writeArrayFieldStart("rejected");
              for (DecodedBatch.Rejection rejection :
                  rejections.subList(0, Math.min(MAX_LISTED, rejections.size()))) {
                generator.writeStartObject();
                generator.writeNumberField("line", rejection.position());
                generator.writeStringField("reason", rejection.reason());
                generator.writeEndObject();
              }
              generator.writeEndArray();
              generator.writeNumberField("rejected_total", rejections.size());
            });
    return new Reply(rejections.isEmpty() ? 200 : 400, JSON, body);
  }

  @Override
  public Reply refusal(Refusal refusal, String contentType) {
    byte[] body = write(generator -> generator.writeStringField("error", refusal.getMessage()));
    return new Reply(refusal.status(), JSON, body);
  }

  private byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.writeStartObject();
      fields.write(generator);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private interface Fields {
    void write(JsonGenerator generator) throws IOException;
  }
}
