package io.fleetpulse.streams.window;

import java.time.Duration;
import java.util.List;

/**
 * Which window sizes the node scope is published for: {@code all} (default), {@code off}, or one
 * window size (e.g. {@code 1m}), so a large fleet can bound its output to one series per node.
 */
public record NodeScope(String setting, Long onlySizeMs, boolean off) {

  public static final String ALL = "all";
  public static final String OFF = "off";

  /** Reads {@code streams.node_scope}; a window size must be one of {@code windows}. */
  public static NodeScope parse(String setting, List<Duration> windows) {
    if (ALL.equals(setting)) {
      return new NodeScope(setting, null, false);
    }
    if (OFF.equals(setting)) {
      return new NodeScope(setting, null, true);
    }
    for (Duration window : windows) {
      if (WindowName.of(window).equals(setting)) {
        return new NodeScope(setting, window.toMillis(), false);
      }
    }
    throw new IllegalArgumentException(
        "streams.node_scope: '"
            + setting
            + "' is neither "
            + ALL
            + ", "
            + OFF
            + " nor one of streams.windows "
            + windows.stream().map(WindowName::of).toList());
  }

  public boolean includes(long windowSizeMs) {
    return !off && (onlySizeMs == null || onlySizeMs == windowSizeMs);
  }
}
