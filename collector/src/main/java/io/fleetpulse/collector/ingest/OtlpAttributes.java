package io.fleetpulse.collector.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a span or resource by key, read leniently across the numeric types exporters
 * choose.
 */
final class OtlpAttributes {

  private final Map<String, AnyValue> values = new HashMap<>();

  OtlpAttributes(List<KeyValue> attributes) {
    for (KeyValue attribute : attributes) {
      values.put(attribute.getKey(), attribute.getValue());
    }
  }

  /** The first of {@code keys} present as a non-empty string, or null. */
  String string(String... keys) {
    for (String key : keys) {
      AnyValue value = values.get(key);
      if (value != null && value.hasStringValue() && !value.getStringValue().isEmpty()) {
        return value.getStringValue();
      }
    }
    return null;
  }

  /** The first of {@code keys} present, as a number of seconds; null when none is. */
  Double seconds(String... keys) throws InvalidRequestEvent {
    for (String key : keys) {
      AnyValue value = values.get(key);
      if (value == null) {
        continue;
      }
      if (value.hasDoubleValue()) {
        return value.getDoubleValue();
      }
      if (value.hasIntValue()) {
        return (double) value.getIntValue();
      }
      throw new InvalidRequestEvent(key + " must be a number");
    }
    return null;
  }

  /** The first of {@code keys} present, as a whole number; null when none is. */
  Long count(String... keys) throws InvalidRequestEvent {
    for (String key : keys) {
      AnyValue value = values.get(key);
      if (value == null) {
        continue;
      }
      if (value.hasIntValue()) {
        return value.getIntValue();
      }
      if (value.hasDoubleValue()
          && value.getDoubleValue() == Math.rint(value.getDoubleValue())
          && Math.abs(value.getDoubleValue()) < 1e15) {
        return (long) value.getDoubleValue();
      }
      throw new InvalidRequestEvent(key + " must be a whole number");
    }
    return null;
  }

  /** The raw value of {@code key}, or null. */
  AnyValue get(String key) {
    return values.get(key);
  }
}
