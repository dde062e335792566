package io.fleetpulse.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which options hold secrets (bearer tokens, passwords, credentials: any key ending in {@code
 * token}, {@code password}, {@code secret} or {@code credentials}, and the Kafka client properties
 * {@code sasl.jaas.config} and {@code ssl.keystore.key}, a login and a private key), and keeping
 * their values out of error messages.
 */
final class SecretOptions {

  private static final List<String> SECRET_ENDINGS =
      List.of("token", "password", "secret", "credentials", "jaas.config", "keystore.key");
  private static final String HIDDEN = "<hidden>";
  private static final int MIN_HIDDEN = 4;

  /** A secret key, in block or flow style, and what follows it up to the end of its value. */
  private static final Pattern SECRET_LINE =
      Pattern.compile(
          "(?i)(?:token|password|secret|credentials|jaas\\.config|keystore\\.key)[\"']?\\s*:[ \\t-]*(\"[^\"\\r\\n]*\"|'[^'\\r\\n]*'|[^,}\\]\\r\\n#]+)");

  private final List<String> values;

  private SecretOptions(List<String> values) {
    this.values = values;
  }

  static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_ENDINGS.stream().anyMatch(lower::endsWith);
  }

  /** The secret values in {@code tree} and in the secret variables of {@code environment}. */
  static SecretOptions in(JsonNode tree, Map<String, String> environment) {
    List<String> values = new ArrayList<>();
    collect(tree, values);
    environment.forEach(
        (name, value) -> {
          if (isSecret(name) && value != null && !value.isBlank()) {
            values.add(value);
          }
        });
    // Longest first, so a secret that contains another is hidden whole.
    values.sort((a, b) -> b.length() - a.length());
    return new SecretOptions(values);
  }

  /**
   * The values written after secret keys in a YAML text, found in the text itself, so that even a
   * file that does not parse (or parses into odd keys) gives none of them away.
   */
  static SecretOptions inText(String yaml) {
    List<String> values = new ArrayList<>();
    Matcher line = SECRET_LINE.matcher(yaml);
    while (line.find()) {
      String value = line.group(1).trim();
      if (value.length() > 1 && (value.startsWith("\"") || value.startsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      if (!value.isBlank()) {
        values.add(value);
      }
    }
    return new SecretOptions(values);
  }

  /** Both sets of values. */
  SecretOptions and(SecretOptions other) {
    List<String> all = new ArrayList<>(values);
    all.addAll(other.values);
    all.sort((a, b) -> b.length() - a.length());
    return new SecretOptions(all);
  }

  /**
   * {@code message} with every secret value replaced. Values shorter than {@value #MIN_HIDDEN}
   * characters stay: hiding them would garble the words around them, and they guard nothing anyway.
   */
  String hide(String message) {
    String hidden = message;
    for (String value : values) {
      if (value.length() >= MIN_HIDDEN) {
        hidden = hidden.replace(value, HIDDEN);
      }
    }
    return hidden;
  }

  private static void collect(JsonNode node, List<String> values) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (isSecret(field.getKey())
            && field.getValue().isTextual()
            && !field.getValue().asText().isBlank()) {
          values.add(field.getValue().asText());
        }
        collect(field.getValue(), values);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, values));
    }
  }
}
