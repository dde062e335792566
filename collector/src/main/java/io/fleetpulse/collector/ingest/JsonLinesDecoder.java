package io.fleetpulse.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON-lines body, one request event per line, judging each line on its own: a bad line is
 * rejected with its number and reason while the good ones around it are kept. Blank lines are
 * skipped; unknown fields are ignored, so clients may send more than FleetPulse reads.
 */
final class JsonLinesDecoder {

  private final JsonFactory json = new JsonFactory();
  private final RequestEventValidator validator;

  JsonLinesDecoder(RequestEventValidator validator) {
    this.validator = validator;
  }

  DecodedBatch decode(byte[] body) {
    List<DecodedBatch.Accepted> events = new ArrayList<>();
    List<DecodedBatch.Rejection> rejections = new ArrayList<>();
    int line = 0;
    int start = 0;
    while (start < body.length) {
      int end = indexOf(body, (byte) '\n', start);
      line++;
      if (!isBlank(body, start, end)) {
        try {
          events.add(
              new DecodedBatch.Accepted(
                  line, validator.validate(readLine(body, start, end - start))));
        } catch (InvalidRequestEvent e) {
          rejections.add(new DecodedBatch.Rejection(line, e.getMessage()));
        }
      }
      start = end + 1;
    }
    return new DecodedBatch(events, rejections);
  }

  private RequestEventFields readLine(byte[] body, int offset, int length)
      throws InvalidRequestEvent {
    try (JsonParser parser = json.createParser(body, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestEvent("a line must hold one JSON object");
      }
      Map<String, Object> values = readObject(parser);
      if (parser.nextToken() != null) {
        throw new InvalidRequestEvent("unexpected text after the JSON object");
      }
      return new RequestEventFields(
          (String) values.get("request_id"),
          (String) values.get("cluster"),
          (String) values.get("node"),
          (String) values.get("model"),
          (Instant) values.get("arrival_time"),
          (Double) values.get("queue_time_seconds"),
          (Double) values.get("time_to_first_token_seconds"),
          (Double) values.get("e2e_latency_seconds"),
          (Long) values.get("prompt_tokens"),
          (Long) values.get("generation_tokens"),
          (String) values.get("finish_reason"));
    } catch (JsonProcessingException e) {
      throw new InvalidRequestEvent("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory line cannot fail", e);
    }
  }

  /**
   * The known fields of one object, each read as its type demands; nulls are left out (they mean
   * "absent").
   */
  private static Map<String, Object> readObject(JsonParser parser)
      throws IOException, InvalidRequestEvent {
    Map<String, Object> values = new HashMap<>();
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      if (!seen.add(field)) {
        throw new InvalidRequestEvent(field + " appears twice");
      }
      JsonToken token = parser.nextToken();
      Object value =
          token == JsonToken.VALUE_NULL
              ? null
              : switch (field) {
                case "request_id", "cluster", "node", "model", "finish_reason" ->
                    string(parser, field);
                case "arrival_time" -> arrivalTime(parser);
                case "queue_time_seconds", "time_to_first_token_seconds", "e2e_latency_seconds" ->
                    number(parser, field);
                case "prompt_tokens", "generation_tokens" -> wholeNumber(parser, field);
                default -> {
                  parser.skipChildren();
                  yield null;
                }
              };
      if (value != null) {
        values.put(field, value);
      }
    }
    return values;
  }

  private static String string(JsonParser parser, String field)
      throws IOException, InvalidRequestEvent {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidRequestEvent(field + " must be a string");
    }
    return parser.getText();
  }

  private static Instant arrivalTime(JsonParser parser) throws IOException, InvalidRequestEvent {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return ArrivalTimes.fromRfc3339(parser.getText());
    }
    return ArrivalTimes.fromEpochSeconds(number(parser, "arrival_time"));
  }

  private static double number(JsonParser parser, String field)
      throws IOException, InvalidRequestEvent {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new InvalidRequestEvent(field + " must be a number");
    }
    return parser.getDoubleValue();
  }

  private static long wholeNumber(JsonParser parser, String field)
      throws IOException, InvalidRequestEvent {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new InvalidRequestEvent(field + " must be a whole number");
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new InvalidRequestEvent(field + " is too large");
    }
    return parser.getLongValue();
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
