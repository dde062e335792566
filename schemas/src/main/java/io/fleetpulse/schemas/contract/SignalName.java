package io.fleetpulse.schemas.contract;

import java.util.Optional;

/**
 * The leading-indicator signals: the {@code signal} field of Signal records and the exported {@code
 * signal} label. Alert rules and dashboards name these ids.
 */
public enum SignalName {
  KV_CACHE_SATURATION("kv_cache_saturation"),
  QUEUE_TIME_RISING("queue_time_rising"),
  CAPACITY_REACHED("capacity_reached"),
  PREEMPTION_STORM("preemption_storm"),
  TTFT_SLO_BURN("ttft_slo_burn"),
  THROUGHPUT_DROP("throughput_drop"),
  NODE_DOWN("node_down"),
  SLOW_NODE("slow_node"),
  PIPELINE_BEHIND("pipeline_behind");

  private final String id;

  SignalName(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<SignalName> fromId(String id) {
    for (SignalName signal : values()) {
      if (signal.id.equals(id)) {
        return Optional.of(signal);
      }
    }
    return Optional.empty();
  }
}
