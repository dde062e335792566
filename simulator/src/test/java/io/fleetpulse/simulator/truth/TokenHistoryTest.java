package io.fleetpulse.simulator.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenHistoryTest {

  @Test
  void valueAtIsTheLastRecordAtOrBefore() {
    TokenHistory history = new TokenHistory(Duration.ofMinutes(1));
    history.record(1_000, 10, 100);
    history.record(2_000, 25, 300);

    assertEquals(0, history.generationAt(999), "before the first step nothing was generated");
    assertEquals(10, history.generationAt(1_000));
    assertEquals(10, history.generationAt(1_999));
    assertEquals(25, history.generationAt(2_000));
    assertEquals(25, history.generationAt(1_000_000));
    assertEquals(300, history.promptAt(2_500));
  }

  @Test
  void growsWhileEntriesAreWithinRetentionAndKeepsThemAll() {
    TokenHistory history = new TokenHistory(Duration.ofHours(1));
    for (int i = 1; i <= 10_000; i++) {
      history.record(i * 1_000L, i, 2L * i);
    }
    assertEquals(1, history.generationAt(1_000));
    assertEquals(5_000, history.generationAt(5_000_500));
    assertEquals(20_000, history.promptAt(10_000_000));
  }

  @Test
  void evictsEntriesOlderThanRetentionAndRefusesQueriesBeforeWhatIsKept() {
    TokenHistory history = new TokenHistory(Duration.ofMillis(100));
    for (int i = 1; i <= 2_000; i++) {
      history.record(i * 1_000L, i, i);
    }
    assertEquals(2_000, history.generationAt(2_000_000));
    assertEquals(1_900, history.generationAt(1_900_000), "entries within retention are answered");
    IllegalArgumentException tooOld =
        assertThrows(IllegalArgumentException.class, () -> history.generationAt(5_000));
    assertTrue(tooOld.getMessage().contains("no longer kept"), tooOld.getMessage());
  }

  @Test
  void refusesOutOfOrderRecords() {
    TokenHistory history = new TokenHistory(Duration.ofMinutes(1));
    history.record(2_000, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> history.record(1_000, 2, 2));
  }
}
