package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.LatencyQuantile;
import io.fleetpulse.schemas.LatencyTotal;
import io.fleetpulse.schemas.contract.LatencyFamily;
import io.fleetpulse.schemas.contract.LatencySource;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One latency family of the windows as a Prometheus summary: per window and {@code source}, the
 * quantiles, and {@code _count} / {@code _sum} from the window's latency totals where it has them.
 * The family's name is {@code fleetpulse_<family id>_seconds}.
 */
public record LatencySummary(LatencyFamily family, String help) implements WindowFamily {

  static final String SOURCE = "source";

  @Override
  public String name() {
    return "fleetpulse_" + family.id() + "_seconds";
  }

  @Override
  public SummarySnapshot snapshot(Collection<FleetWindow> windows) {
    SummarySnapshot.Builder summary =
        SummarySnapshot.builder().name(name()).help(help).unit(Unit.SECONDS);
    for (FleetWindow window : windows) {
      Labels windowLabels = WindowLabels.of(window);
      Map<String, SourcePoint> bySource = new LinkedHashMap<>();
      for (LatencyQuantile quantile : window.getLatency()) {
        if (quantile.getFamily().equals(family.id())
            && knownSource(quantile.getSource())
            && quantile.getQuantile() >= 0
            && quantile.getQuantile() <= 1
            && !Double.isNaN(quantile.getValue())) {
          bySource.computeIfAbsent(quantile.getSource(), s -> new SourcePoint()).add(quantile);
        }
      }
      for (LatencyTotal total : window.getLatencyTotals()) {
        if (total.getFamily().equals(family.id())
            && knownSource(total.getSource())
            && total.getCount() >= 0
            && total.getCount() < Long.MAX_VALUE) {
          bySource.computeIfAbsent(total.getSource(), s -> new SourcePoint()).total = total;
        }
      }
      bySource.forEach(
          (source, point) ->
              summary.dataPoint(point.build(windowLabels.merge(Labels.of(SOURCE, source)))));
    }
    return summary.build();
  }

  // Anything else would be a label value no dashboard expects; the streams app sends only these.
  private static boolean knownSource(String source) {
    for (LatencySource known : LatencySource.values()) {
      if (known.id().equals(source)) {
        return true;
      }
    }
    return false;
  }

  /** The quantiles and total of one source in one window. */
  private static final class SourcePoint {
    private final List<Quantile> quantiles = new ArrayList<>();
    // A producer listing one quantile twice must not make the whole scrape fail on a duplicate
    // sample.
    private final Set<Double> seen = new HashSet<>();
    private LatencyTotal total;

    void add(LatencyQuantile quantile) {
      if (seen.add(quantile.getQuantile())) {
        quantiles.add(new Quantile(quantile.getQuantile(), quantile.getValue()));
      }
    }

    SummaryDataPointSnapshot build(Labels labels) {
      SummaryDataPointSnapshot.Builder point =
          SummaryDataPointSnapshot.builder().labels(labels).quantiles(Quantiles.of(quantiles));
      if (total != null) {
        // The summary's count is whole; a histogram's apportioned count can be fractional.
        point.count(Math.round(total.getCount()));
        if (total.getSum() != null && !total.getSum().isNaN()) {
          point.sum(total.getSum());
        }
      }
      return point.build();
    }
  }
}
