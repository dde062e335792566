package io.fleetpulse.streams.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowNameTest {

  @Test
  void windowSizesAreNamedAsPrometheusWritesDurations() {
    assertEquals("10s", WindowName.of(Duration.ofSeconds(10)));
    assertEquals("1m", WindowName.of(Duration.ofMinutes(1)));
    assertEquals("5m", WindowName.of(Duration.ofMinutes(5)));
    assertEquals("1h", WindowName.of(Duration.ofHours(1)));
    assertEquals("1d", WindowName.of(Duration.ofDays(1)));
    assertEquals("1m30s", WindowName.of(Duration.ofSeconds(90)));
    assertEquals("500ms", WindowName.of(Duration.ofMillis(500)));
  }

  @Test
  void aSizeThatIsNotPositiveHasNoName() {
    assertThrows(IllegalArgumentException.class, () -> WindowName.ofMillis(0));
  }
}
