package io.fleetpulse.simulator.exposition;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable set of labels, rendered in sorted name order (as in the vLLM fixture, where {@code
 * le} sits between {@code engine} and {@code model_name}).
 */
public final class LabelSet {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  public static final LabelSet EMPTY = new LabelSet(new TreeMap<>());

  private final TreeMap<String, String> labels;

  private LabelSet(TreeMap<String, String> labels) {
    this.labels = labels;
  }

  /**
   * @param namesAndValues name1, value1, name2, value2, ...
   */
  public static LabelSet of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "labels need name/value pairs, got an odd count: " + namesAndValues.length);
    }
    LabelSet set = EMPTY;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      set = set.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return set;
  }

  public LabelSet with(String name, String value) {
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid label name '" + name + "'");
    }
    if (value == null) {
      throw new IllegalArgumentException("label '" + name + "' has no value");
    }
    if (labels.containsKey(name)) {
      throw new IllegalArgumentException("label '" + name + "' given twice in " + render());
    }
    TreeMap<String, String> copy = new TreeMap<>(labels);
    copy.put(name, value);
    return new LabelSet(copy);
  }

  /** {@code {a="x",b="y"}}, or the empty string when there are no labels. */
  public String render() {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(label.getKey()).append("=\"");
      appendEscaped(out, label.getValue());
      out.append('"');
    }
    return out.append('}').toString();
  }

  private static void appendEscaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return render();
  }
}
