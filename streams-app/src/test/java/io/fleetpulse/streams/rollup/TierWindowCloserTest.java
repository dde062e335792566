package io.fleetpulse.streams.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.AvroSerde;
import io.fleetpulse.streams.health.StreamsAppMetrics;
import io.fleetpulse.streams.profile.CanonicalCounter;
import io.fleetpulse.streams.state.ScopeAggregate;
import io.fleetpulse.streams.state.TierWindowState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hour tier alone: a window handed on twice (a restarted or replayed stage) counts once, one
 * that comes after its hour closed is dropped and counted, and the tier remembers across a restart
 * what it has closed.
 */
class TierWindowCloserTest {

  private static final long HOUR_MS = 3_600_000;
  private static final String GENERATION = CanonicalCounter.GENERATION_TOKENS.id();
  private static final RollupTier HOUR = new RollupTier("1h", HOUR_MS);

  private final StreamsAppMetrics metrics = new StreamsAppMetrics();
  private MockProcessorContext<String, TierRecord> context;
  private TierWindowCloser closer;

  @BeforeEach
  void start() {
    context = new MockProcessorContext<>();
    KeyValueStore<String, TierWindowState> windows =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"),
                Serdes.String(),
                new AvroSerde<>(TierWindowState.class))
            .withLoggingDisabled()
            .build();
    KeyValueStore<String, Long> progress =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("progress"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    windows.init(context.getStateStoreContext(), windows);
    progress.init(context.getStateStoreContext(), progress);
    context.addStateStore(windows);
    context.addStateStore(progress);
    closer = restarted();
  }

  @Test
  void aLowerWindowHandedOnTwiceCountsOnce() {
    lower(minute(60_000, 10));
    lower(minute(60_000, 10));
    lower(minute(120_000, 5));
    closedThrough(HOUR_MS);

    List<TierWindowState> closed = closedWindows();
    assertEquals(1, closed.size());
    assertEquals(15.0, closed.get(0).getAggregate().getCounters().get(GENERATION));
    assertEquals(2, closed.get(0).getLowerWindows());
    assertEquals(15.0 / 3600, closed.get(0).getAggregate().getCounterRates().get(GENERATION));
  }

  @Test
  void anHourStaysOpenUntilTheTierBelowHasPassedItsEnd() {
    lower(minute(60_000, 10));
    closedThrough(HOUR_MS - 1);
    assertEquals(List.of(), closedWindows());
    assertEquals(HOUR_MS - 1, lastProgress());

    lower(minute(HOUR_MS, 1));
    closedThrough(HOUR_MS + 60_000);
    assertEquals(11.0, closedWindows().get(0).getAggregate().getCounters().get(GENERATION));
    assertEquals(HOUR_MS + 60_000, lastProgress());
  }

  @Test
  void aLowerWindowAfterItsHourClosedIsDroppedAndCounted() {
    lower(minute(60_000, 10));
    closedThrough(HOUR_MS);
    context.resetForwards();

    lower(minute(120_000, 5));
    closedThrough(2 * HOUR_MS);

    assertEquals(List.of(), closedWindows());
    assertEquals(1, metrics.lateRollupWindowsDropped());
  }

  @Test
  void whatWasClosedStaysClosedAcrossARestart() {
    lower(minute(60_000, 10));
    closedThrough(HOUR_MS);
    context.resetForwards();

    closer = restarted();
    lower(minute(60_000, 10));
    lower(minute(HOUR_MS + 60_000, 3));
    closedThrough(2 * HOUR_MS);

    List<TierWindowState> closed = closedWindows();
    assertEquals(1, closed.size());
    assertEquals(HOUR_MS * 2, closed.get(0).getAggregate().getWindowEndMs());
    assertEquals(3.0, closed.get(0).getAggregate().getCounters().get(GENERATION));
    assertEquals(1, metrics.lateRollupWindowsDropped());
  }

  private TierWindowCloser restarted() {
    TierWindowCloser fresh = new TierWindowCloser(HOUR, "windows", "progress", metrics);
    fresh.init(context);
    return fresh;
  }

  private void lower(TierWindowState window) {
    closer.process(
        new Record<>("fleet", TierRecord.closed(window), window.getAggregate().getWindowEndMs()));
  }

  private void closedThrough(long endMs) {
    closer.process(new Record<>("progress", TierRecord.closedThrough(endMs), endMs));
  }

  private List<TierWindowState> closedWindows() {
    return context.forwarded().stream()
        .map(CapturedForward::record)
        .map(Record::value)
        .filter(TierRecord::isWindow)
        .map(TierRecord::window)
        .toList();
  }

  private long lastProgress() {
    List<CapturedForward<? extends String, ? extends TierRecord>> forwarded = context.forwarded();
    TierRecord last = forwarded.get(forwarded.size() - 1).record().value();
    assertTrue(!last.isWindow(), "progress comes last");
    return last.closedThroughMs();
  }

  /** A live minute of the fleet ending at {@code endMs}, one node up, with these tokens. */
  private static TierWindowState minute(long endMs, double tokens) {
    return TierWindowMerger.ofLive(
        new ScopeAggregate(
            "fleet",
            null,
            null,
            null,
            60_000L,
            endMs,
            1,
            0,
            1,
            60_000L,
            "vllm",
            false,
            new HashMap<>(Map.of(GENERATION, tokens)),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>(),
            new HashMap<>()));
  }
}
