package io.fleetpulse.streams.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class InputBacklogTest {

  private static final String SCRAPES = "fleetpulse.scrapes.v1";
  private static final String CONSUMER = "app-StreamThread-1-consumer";

  private final Map<MetricName, Metric> metrics = new HashMap<>();
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final InputBacklog backlog =
      new InputBacklog(
          new ConsumerLag(() -> metrics),
          Set.of(SCRAPES, "fleetpulse.requests.v1"),
          Duration.ofSeconds(10),
          now::get);

  @Test
  void aPartitionNotFetchedYetMayHaveUnreadRecordsForTheBoundOnly() {
    assertTrue(backlog.mayHaveUnread(0), "its first fetch has not come back");
    now.addAndGet(9_999);
    assertTrue(backlog.mayHaveUnread(0), "still within the bound");
    now.addAndGet(1);
    assertFalse(backlog.mayHaveUnread(0), "a lag never reported holds no window for good");
  }

  @Test
  void aKnownLagDecidesAndAPartitionUnknownAgainStartsAFreshBound() {
    ConsumerLagTest.lag(metrics, CONSUMER, SCRAPES, 3, 40);
    assertTrue(backlog.mayHaveUnread(3));
    ConsumerLagTest.lag(metrics, CONSUMER, SCRAPES, 3, 0);
    assertFalse(backlog.mayHaveUnread(3));

    metrics.clear();
    now.addAndGet(60_000);
    assertTrue(backlog.mayHaveUnread(3), "reassigned and not fetched since: unknown again");
    now.addAndGet(10_000);
    assertFalse(backlog.mayHaveUnread(3));
  }
}
