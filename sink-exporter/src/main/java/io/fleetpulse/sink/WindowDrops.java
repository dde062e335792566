package io.fleetpulse.sink;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Windows the sink read but does not export, by reason; each reason is logged the first time only. */
public final class WindowDrops {

  private static final Logger LOG = LoggerFactory.getLogger(WindowDrops.class);

  private final Map<DropReason, AtomicLong> counts = new EnumMap<>(DropReason.class);
  private final Map<DropReason, AtomicBoolean> logged = new EnumMap<>(DropReason.class);

  public WindowDrops() {
    for (DropReason reason : DropReason.values()) {
      counts.put(reason, new AtomicLong());
      logged.put(reason, new AtomicBoolean());
    }
  }

  void dropped(DropReason reason, SeriesKey series) {
    counts.get(reason).incrementAndGet();
    if (logged.get(reason).compareAndSet(false, true)) {
      LOG.warn("not exporting node-scope series such as {} {} ({}): {}; counted in"
              + " fleetpulse_sink_windows_dropped_total{{reason=\"{}\"}}, logged once",
          series.labelValues(), series.window(), reason.label(), reason.explanation(), reason.label());
    }
  }

  public long count(DropReason reason) {
    return counts.get(reason).get();
  }
}
