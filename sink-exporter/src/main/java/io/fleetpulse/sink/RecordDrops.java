package io.fleetpulse.sink;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows and signals the sink read but does not export, by reason; each reason is logged the first
 * time only.
 */
public final class RecordDrops {

  private static final Logger LOG = LoggerFactory.getLogger(RecordDrops.class);

  private final Map<DropReason, AtomicLong> counts = new EnumMap<>(DropReason.class);
  private final Map<DropReason, AtomicBoolean> logged = new EnumMap<>(DropReason.class);

  public RecordDrops() {
    for (DropReason reason : DropReason.values()) {
      counts.put(reason, new AtomicLong());
      logged.put(reason, new AtomicBoolean());
    }
  }

  /**
   * @param what the record dropped, as a person would name it, e.g. {@code node [us-east, llama,
   *     n1] 10s}
   */
  public void dropped(DropReason reason, String what) {
    counts.get(reason).incrementAndGet();
    if (logged.get(reason).compareAndSet(false, true)) {
      LOG.warn(
          "not exporting node-scope records such as {} ({}): {}; counted in"
              + " fleetpulse_sink_records_dropped_total{{reason=\"{}\"}}, logged once",
          what,
          reason.label(),
          reason.explanation(),
          reason.label());
    }
  }

  public long count(DropReason reason) {
    return counts.get(reason).get();
  }
}
