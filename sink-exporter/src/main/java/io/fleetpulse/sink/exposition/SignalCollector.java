package io.fleetpulse.sink.exposition;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import io.fleetpulse.sink.signal.LatestSignals;
import io.fleetpulse.sink.signal.SignalKey;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The signals' state on /metrics: {@code fleetpulse_signal_active} per signal and scope, and the
 * KV-cache saturation detector's prediction. Every signal has a fleet-scope series from the start
 * (0, without severity) until the detector's first fleet-scope record takes its place, so
 * dashboards and alerts never wait for a series to appear.
 */
public final class SignalCollector implements MultiCollector {

  static final String ACTIVE = "fleetpulse_signal_active";
  static final String SECONDS_TO_EXHAUSTION = "fleetpulse_kv_cache_seconds_to_exhaustion";

  private final LatestSignals latest;
  private final Clock clock;

  public SignalCollector(LatestSignals latest, Clock clock) {
    this.latest = latest;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() {
    Collection<Signal> signals = latest.current(clock.instant());
    GaugeSnapshot.Builder active =
        GaugeSnapshot.builder()
            .name(ACTIVE)
            .help(
                "1 while the signal fires in the scope, else 0 (pending, inactive, resolved). Every signal has a"
                    + " fleet-scope series from the start, without severity until its detector first reports.");
    GaugeSnapshot.Builder exhaustion =
        GaugeSnapshot.builder()
            .name(SECONDS_TO_EXHAUSTION)
            .help(
                "Seconds until KV-cache usage is predicted to reach 1 at its current trend, from the"
                    + " kv_cache_saturation detector; +Inf when it is not predicted to fill.");
    Set<SignalName> unheardAtFleet = EnumSet.allOf(SignalName.class);
    for (Signal signal : signals) {
      SignalKey key = SignalKey.of(signal);
      if (key.scope() == Scope.FLEET) {
        unheardAtFleet.remove(key.signal());
      }
      Labels scope = WindowLabels.ofScope(key.scope(), key.labelValues());
      active.dataPoint(
          point(
              scope.merge(Labels.of("signal", key.signal().id(), "severity", signal.getSeverity())),
              signal.getState() == SignalState.FIRING ? 1 : 0));
      if (key.signal() == SignalName.KV_CACHE_SATURATION) {
        Double seconds = signal.getSecondsToExhaustion();
        exhaustion.dataPoint(point(scope, seconds == null ? Double.POSITIVE_INFINITY : seconds));
      }
    }
    Labels fleet = WindowLabels.ofScope(Scope.FLEET, List.of());
    for (SignalName signal : unheardAtFleet) {
      active.dataPoint(point(fleet.merge(Labels.of("signal", signal.id())), 0));
    }
    return MetricSnapshots.of(active.build(), exhaustion.build());
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
