package io.fleetpulse.simulator.batching;

/**
 * The KV cache as a count of fixed-size blocks; which block holds what does not matter to the
 * metrics.
 */
final class KvBlockPool {

  private final int totalBlocks;
  private final int blockSize;
  private int usedBlocks;

  KvBlockPool(int totalBlocks, int blockSize) {
    this.totalBlocks = totalBlocks;
    this.blockSize = blockSize;
  }

  int blocksFor(int tokens) {
    return (tokens + blockSize - 1) / blockSize;
  }

  int freeBlocks() {
    return totalBlocks - usedBlocks;
  }

  void allocate(int blocks) {
    if (blocks < 0 || blocks > freeBlocks()) {
      throw new IllegalStateException(
          "cannot allocate " + blocks + " KV blocks, " + freeBlocks() + " free");
    }
    usedBlocks += blocks;
  }

  void release(int blocks) {
    if (blocks < 0 || blocks > usedBlocks) {
      throw new IllegalStateException(
          "cannot release " + blocks + " KV blocks, " + usedBlocks + " in use");
    }
    usedBlocks -= blocks;
  }

  double usage() {
    return (double) usedBlocks / totalBlocks;
  }

  void clear() {
    usedBlocks = 0;
  }
}
