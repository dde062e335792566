package io.fleetpulse.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelSetTest {

  @Test
  void rendersInSortedNameOrder() {
    LabelSet labels = LabelSet.of("model_name", "m", "engine", "0");
    assertEquals("{engine=\"0\",le=\"0.5\",model_name=\"m\"}", labels.with("le", "0.5").render());
  }

  @Test
  void emptySetRendersNothing() {
    assertEquals("", LabelSet.EMPTY.render());
  }

  @Test
  void escapesBackslashQuoteAndNewline() {
    assertEquals(
        "{model_name=\"a\\\\b\\\"c\\nd\"}", LabelSet.of("model_name", "a\\b\"c\nd").render());
  }

  @Test
  void rejectsBadNamesDuplicatesAndOddPairs() {
    IllegalArgumentException badName =
        assertThrows(IllegalArgumentException.class, () -> LabelSet.of("1x", "v"));
    assertTrue(badName.getMessage().contains("1x"));
    IllegalArgumentException duplicate =
        assertThrows(
            IllegalArgumentException.class, () -> LabelSet.of("engine", "0").with("engine", "1"));
    assertTrue(duplicate.getMessage().contains("engine"));
    assertThrows(IllegalArgumentException.class, () -> LabelSet.of("engine"));
  }
}
