package io.fleetpulse.schemas.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mapping of a web config file, read key by key so that every error names the key's path
 * ({@code tls_server_config.cert_file}) and none quotes a value, which could be a password hash.
 */
final class WebConfigSection {

  private final String path;
  private final JsonNode node;

  private WebConfigSection(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  /** The whole file; an empty one is an empty mapping, as in Prometheus. */
  static WebConfigSection root(JsonNode document) {
    WebConfigSection root = new WebConfigSection("", document);
    root.requireMapping();
    return root;
  }

  /** The mapping under {@code key}; an absent or null one is empty. */
  WebConfigSection section(String key) {
    WebConfigSection section = new WebConfigSection(pathOf(key), value(key));
    section.requireMapping();
    return section;
  }

  boolean isEmpty() {
    return node == null || node.isEmpty();
  }

  /**
   * Refuses any key but {@code supported}. A key Prometheus knows and FleetPulse does not serve is
   * refused too, rather than ignored: each of them would make the endpoint stricter than it is.
   */
  void allowOnly(List<String> supported, List<String> prometheusOnly) {
    if (node == null) {
      return;
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (prometheusOnly.contains(key)) {
        throw new IllegalArgumentException(
            pathOf(key) + " is not supported by FleetPulse; supported here: " + supported);
      }
      if (!supported.contains(key)) {
        throw new IllegalArgumentException(
            pathOf(key) + ": unknown option; known here: " + supported);
      }
    }
  }

  /** The string at {@code key}; null when absent, null or empty. */
  String text(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(pathOf(key) + " must be a string");
    }
    return value.asText().isEmpty() ? null : value.asText();
  }

  boolean bool(String key, boolean absent) {
    JsonNode value = value(key);
    if (value == null) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(pathOf(key) + " must be true or false");
    }
    return value.asBoolean();
  }

  /** Every key with its string value, in the file's order. */
  Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    if (node != null) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        texts.put(key, text(key));
      }
    }
    return texts;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode value(String key) {
    JsonNode value = node == null ? null : node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  private void requireMapping() {
    if (node != null && !node.isNull() && !node.isMissingNode() && !node.isObject()) {
      throw new IllegalArgumentException(
          (path.isEmpty() ? "the file" : path) + " must be a mapping of options");
    }
  }
}
