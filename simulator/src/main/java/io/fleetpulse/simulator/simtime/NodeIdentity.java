package io.fleetpulse.simulator.simtime;

import io.fleetpulse.schemas.contract.EngineName;

/**
 * Who a simulated node is: its scenario name ({@code <cluster>-<index>}), its cluster, the {@code
 * host:port} it would be scraped at (the collector's {@code instance}), its engine and model.
 */
public record NodeIdentity(
    String name, String cluster, String instance, EngineName engine, String model) {

  /** The port each engine listens on by default, so instances look like the real thing. */
  static int defaultPort(EngineName engine) {
    return switch (engine) {
      case VLLM -> 8000;
      case TGI, LLAMACPP -> 8080;
      case SGLANG -> 30000;
    };
  }
}
