package io.fleetpulse.collector.engine;

import java.util.List;

/** An inference engine the collector recognises, by the prefix every one of its own families carries. */
record KnownEngine(String name, String familyPrefix) {

  static final List<KnownEngine> ALL = List.of(
      new KnownEngine("vllm", "vllm:"),
      new KnownEngine("tgi", "tgi_"),
      new KnownEngine("llamacpp", "llamacpp:"),
      new KnownEngine("sglang", "sglang:"));
}
