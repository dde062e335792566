package io.fleetpulse.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusDurationTest {

  @Test
  void parsesSingleAndCombinedUnits() {
    assertEquals(Duration.ofSeconds(5), PrometheusDuration.parse("5s"));
    assertEquals(Duration.ofMillis(250), PrometheusDuration.parse("250ms"));
    assertEquals(Duration.ofMinutes(90), PrometheusDuration.parse("1h30m"));
    assertEquals(Duration.ofDays(14), PrometheusDuration.parse("2w"));
    assertEquals(Duration.ZERO, PrometheusDuration.parse("0"));
  }

  @Test
  void formatsShortest() {
    assertEquals("10s", PrometheusDuration.format(Duration.ofSeconds(10)));
    assertEquals("1m", PrometheusDuration.format(Duration.ofSeconds(60)));
    assertEquals("1m30s", PrometheusDuration.format(Duration.ofSeconds(90)));
    assertEquals("1s500ms", PrometheusDuration.format(Duration.ofMillis(1500)));
    assertEquals("0s", PrometheusDuration.format(Duration.ZERO));
  }

  @Test
  void rejectsMalformedWithTheText() {
    for (String bad : new String[] {"", "5", "s", "5x", "1m1h", "5s5s", "-5s", "1.5s"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse(bad), bad);
      assertEquals(
          true, e.getMessage().contains(bad.isEmpty() ? "empty" : "'" + bad + "'"), e.getMessage());
    }
  }
}
