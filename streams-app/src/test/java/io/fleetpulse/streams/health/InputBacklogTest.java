package io.fleetpulse.streams.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class InputBacklogTest {

  private static final String SCRAPES = "fleetpulse.scrapes.v1";
  private static final String CONSUMER = "app-StreamThread-1-consumer";

  private final Map<MetricName, Metric> metrics = new HashMap<>();
  private final List<TaskMetadata> tasks = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Map<TopicPartition, InputOffsets.Reach> broker = new HashMap<>();
  private boolean brokerAnswered;
  private final InputBacklog backlog =
      new InputBacklog(
          new InputBacklog.BrokerReach() {
            @Override
            public boolean answered() {
              return brokerAnswered;
            }

            @Override
            public Optional<InputOffsets.Reach> of(TopicPartition partition) {
              return Optional.ofNullable(broker.get(partition));
            }
          },
          new ConsumerLag(() -> metrics),
          () -> tasks,
          Set.of(SCRAPES, "fleetpulse.requests.v1"),
          Duration.ofSeconds(10),
          now::get);

  @Test
  void recordsPolledButNotYetCommittedAreUnreadWhateverTheConsumerLag() {
    TopicPartition scrapes = new TopicPartition(SCRAPES, 2);
    Map<TopicPartition, Long> committed = new HashMap<>();
    Map<TopicPartition, Long> polled = new HashMap<>();
    tasks.add(task(new TaskId(0, 2), scrapes, committed, polled));
    tasks.add(task(new TaskId(1, 2), new TopicPartition("app-repartition", 2), Map.of(), Map.of()));
    ConsumerLagTest.lag(metrics, CONSUMER, SCRAPES, 2, 0);
    assertFalse(backlog.mayHaveUnread(2), "nothing polled, and the consumer is at the end");

    polled.put(scrapes, 2_999L);
    assertTrue(backlog.mayHaveUnread(2), "polled to the end, none processed and committed yet");
    committed.put(scrapes, 1_500L);
    assertTrue(backlog.mayHaveUnread(2), "half of it waits in the task's buffer");
    committed.put(scrapes, 2_999L);
    assertTrue(backlog.mayHaveUnread(2), "the last record polled is still to be processed");
    committed.put(scrapes, 3_001L);
    assertFalse(backlog.mayHaveUnread(2), "committed past the last record (and its marker)");
  }

  @Test
  void aPartitionNotFetchedYetMayHaveUnreadRecordsForTheBoundOnly() {
    assertTrue(backlog.mayHaveUnread(0), "its first fetch has not come back");
    now.addAndGet(9_999);
    assertTrue(backlog.mayHaveUnread(0), "still within the bound");
    now.addAndGet(1);
    assertFalse(backlog.mayHaveUnread(0), "a lag never reported holds no window for good");
  }

  @Test
  void recordsNoConsumerHasFetchedAreUnreadOnceTheBrokerHasSaidSo() {
    TopicPartition scrapes = new TopicPartition(SCRAPES, 4);
    Map<TopicPartition, Long> committed = new HashMap<>();
    tasks.add(task(new TaskId(0, 4), scrapes, committed, Map.of()));
    brokerAnswered = true;
    broker.put(scrapes, new InputOffsets.Reach(3_000, 0));
    now.addAndGet(3_600_000);
    assertTrue(backlog.mayHaveUnread(4), "3,000 records no consumer has fetched, an hour on");

    committed.put(scrapes, 3_000L);
    assertFalse(
        backlog.mayHaveUnread(4), "the task committed them before the group's offset shows");
    broker.put(new TopicPartition(SCRAPES, 5), new InputOffsets.Reach(0, 0));
    assertFalse(backlog.mayHaveUnread(5), "an empty partition is read to its end");
  }

  private static TaskMetadata task(
      TaskId id,
      TopicPartition input,
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> polled) {
    return new TaskMetadata() {
      @Override
      public TaskId taskId() {
        return id;
      }

      @Override
      public Set<TopicPartition> topicPartitions() {
        return Set.of(input);
      }

      @Override
      public Map<TopicPartition, Long> committedOffsets() {
        return committed;
      }

      @Override
      public Map<TopicPartition, Long> endOffsets() {
        return polled;
      }

      @Override
      public Optional<Long> timeCurrentIdlingStarted() {
        return Optional.empty();
      }
    };
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
