package io.fleetpulse.sink.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.sink.history.BadParameter;
import io.fleetpulse.sink.history.WindowsQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON of {@code GET /api/v1/windows}: what was asked for, and the tier's windows, each written
 * as {@code /api/v1/status} writes a window; or, for a bad request, which parameter is wrong.
 */
final class HistoryJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private HistoryJson() {}

  static byte[] windows(WindowsQuery query, List<FleetWindow> windows, int maxWindows) {
    return write(
        json -> {
          json.writeNumberField("version", StatusJson.VERSION);
          json.writeStringField("tier", query.tier());
          json.writeStringField("scope", query.scope().label());
          if (query.cluster() != null) {
            json.writeStringField("cluster", query.cluster());
          }
          if (query.model() != null) {
            json.writeStringField("model", query.model());
          }
          json.writeNumberField("since_ms", query.sinceMs());
          json.writeNumberField("until_ms", query.untilMs());
          json.writeNumberField("max_windows", maxWindows);
          json.writeArrayFieldStart("windows");
          for (FleetWindow window : windows) {
            StatusJson.window(json, window);
          }
          json.writeEndArray();
        });
  }

  static byte[] error(BadParameter error) {
    return write(
        json -> {
          json.writeStringField("error", error.getMessage());
          json.writeStringField("parameter", error.parameter());
        });
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the windows JSON to memory failed", e);
    }
    return out.toByteArray();
  }
}
