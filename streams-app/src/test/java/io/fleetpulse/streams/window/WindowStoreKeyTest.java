package io.fleetpulse.streams.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WindowStoreKeyTest {

  @Test
  void keysSortInOrderOfWindowEndWhateverTheScope() {
    String early = WindowStoreKey.of(9_000, "node/zz/m/host:1/10s");
    String late = WindowStoreKey.of(10_000, "cluster/aa/10s");
    String later = WindowStoreKey.of(1_767_225_610_000L, "fleet/1m");

    assertEquals(List.of(early, late, later), Stream.of(later, early, late).sorted().toList());
    assertEquals(1_767_225_610_000L, WindowStoreKey.windowEndMs(later));
  }

  @Test
  void theKeyAfterAWindowEndSeparatesItsWindowsFromLaterOnes() {
    String boundary = WindowStoreKey.after(10_000);

    assertEquals(
        List.of(WindowStoreKey.of(10_000, "fleet/10s"), boundary, WindowStoreKey.of(10_001, "a")),
        Stream.of(WindowStoreKey.of(10_001, "a"), boundary, WindowStoreKey.of(10_000, "fleet/10s"))
            .sorted()
            .toList());
    assertEquals(WindowStoreKey.of(0, ""), WindowStoreKey.after(Long.MIN_VALUE));
    assertEquals(WindowStoreKey.of(9_999_999_999_999L, ""), WindowStoreKey.after(Long.MAX_VALUE));
  }

  @Test
  void aWindowEndOutsideTheEncodableRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WindowStoreKey.of(-1, "fleet/10s"));
  }
}
