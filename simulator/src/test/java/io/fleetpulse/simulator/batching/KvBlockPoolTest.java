package io.fleetpulse.simulator.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KvBlockPoolTest {

  @Test
  void roundsTokensUpToWholeBlocks() {
    KvBlockPool pool = new KvBlockPool(10, 16);
    assertEquals(0, pool.blocksFor(0));
    assertEquals(1, pool.blocksFor(1));
    assertEquals(1, pool.blocksFor(16));
    assertEquals(2, pool.blocksFor(17));
  }

  @Test
  void tracksUsageAndRefusesToOverAllocateOrOverRelease() {
    KvBlockPool pool = new KvBlockPool(10, 16);
    pool.allocate(4);
    assertEquals(0.4, pool.usage());
    assertEquals(6, pool.freeBlocks());
    assertThrows(IllegalStateException.class, () -> pool.allocate(7));
    pool.release(4);
    assertEquals(0.0, pool.usage());
    assertThrows(IllegalStateException.class, () -> pool.release(1));
    pool.allocate(10);
    pool.clear();
    assertEquals(10, pool.freeBlocks());
  }
}
