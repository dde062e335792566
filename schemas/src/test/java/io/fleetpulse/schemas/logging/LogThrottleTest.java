package io.fleetpulse.schemas.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

  @Test
  void anEpisodeLogsItsFirstOccurrenceAndCountsTheRest() {
    LogThrottle throttle = LogThrottle.oncePerEpisode();
    assertEquals(0, throttle.occurred());
    assertEquals(-1, throttle.occurred());
    assertEquals(-1, throttle.occurred());
    assertEquals(3, throttle.ended());
    assertEquals(0, throttle.ended());
    assertEquals(0, throttle.occurred(), "a new episode logs again");
  }

  @Test
  void aZeroQuietPeriodLogsEveryOccurrence() {
    LogThrottle throttle = LogThrottle.every(Duration.ZERO);
    assertEquals(0, throttle.occurred());
    assertEquals(0, throttle.occurred());
  }

  @Test
  void heldBackOccurrencesAreNamedInTheNextLine() {
    assertEquals("", LogThrottle.heldBackSuffix(0));
    assertEquals(" (4 more since the last report)", LogThrottle.heldBackSuffix(4));
  }
}
