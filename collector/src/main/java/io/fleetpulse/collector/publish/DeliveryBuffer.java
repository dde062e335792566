package io.fleetpulse.collector.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records waiting for Kafka, oldest first, at most {@code capacity} of them. A full buffer makes
 * room by giving up its oldest record, never the newest: during a long outage the freshest data is
 * the most useful once Kafka is back. Thread-safe; the caller counts and reports what was given up.
 */
final class DeliveryBuffer {

  private final int capacity;
  private final ArrayDeque<OutgoingRecord> records = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();

  DeliveryBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "delivery buffer capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Appends a record; when full, first removes the oldest one and returns it (null when nothing was
   * dropped).
   */
  OutgoingRecord add(OutgoingRecord record) {
    lock.lock();
    try {
      OutgoingRecord dropped = records.size() == capacity ? records.pollFirst() : null;
      records.addLast(record);
      notEmpty.signal();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts a record Kafka would not take yet back at the head, so it keeps its place before
   * everything newer. When the buffer filled up meanwhile, the returned record is itself the oldest
   * and is given up (returned).
   */
  OutgoingRecord putBack(OutgoingRecord record) {
    lock.lock();
    try {
      if (records.size() == capacity) {
        return record;
      }
      records.addFirst(record);
      notEmpty.signal();
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** The oldest record, waiting up to {@code timeout} for one; null when none arrived. */
  OutgoingRecord poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (records.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return records.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return records.size();
    } finally {
      lock.unlock();
    }
  }

  /** Empties the buffer, returning what it held, oldest first. */
  List<OutgoingRecord> drain() {
    lock.lock();
    try {
      List<OutgoingRecord> all = new ArrayList<>(records);
      records.clear();
      return all;
    } finally {
      lock.unlock();
    }
  }
}
