package io.fleetpulse.schemas.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * The inference engines FleetPulse knows, by the name records carry in their {@code engine} field
 * and the prefix every one of the engine's own metric families has.
 */
public enum EngineName {
  VLLM("vllm:"),
  TGI("tgi_"),
  LLAMACPP("llamacpp:"),
  SGLANG("sglang:");

  /** The engine field's value when no known engine's families were seen. */
  public static final String UNKNOWN = "unknown";

  private final String familyPrefix;

  EngineName(String familyPrefix) {
    this.familyPrefix = familyPrefix;
  }

  /** The name on the wire and in the exported {@code engine} label, e.g. {@code llamacpp}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String familyPrefix() {
    return familyPrefix;
  }

  public static Optional<EngineName> fromWireName(String name) {
    for (EngineName engine : values()) {
      if (engine.wireName().equals(name)) {
        return Optional.of(engine);
      }
    }
    return Optional.empty();
  }
}
