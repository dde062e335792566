package io.fleetpulse.streams.rollup;

import io.fleetpulse.streams.aggregate.ScopeStageOutput;
import java.util.List;
import java.util.Optional;

/**
 * Which closed live windows the first tier is merged from. The live 1 m window when there is one:
 * it already is the first tier's window computed from the same data (the same counters and buckets
 * to the bit, gauges as the live 1 m reads them), and taking it costs one merge a minute per scope
 * instead of six and holds no 10 s windows. Without one, the largest live size that tiles a minute;
 * a counter or bucket increase is apportioned across windows by overlap, so the smaller windows add
 * up to the same increases, up to rounding.
 */
record RollupSource(long liveSizeMs) {

  static Optional<RollupSource> of(List<Long> liveSizesMs, RollupTier first) {
    return liveSizesMs.stream().filter(first::tiledBy).max(Long::compare).map(RollupSource::new);
  }

  /** The first tier's input out of one scope-stage output: nothing for other window sizes. */
  List<TierRecord> records(ScopeStageOutput output) {
    if (!output.isWindow()) {
      return List.of(TierRecord.closedThrough(output.closedThroughMs()));
    }
    return output.aggregate().getWindowSizeMs() == liveSizeMs
        ? List.of(TierRecord.closed(TierWindowMerger.ofLive(output.aggregate())))
        : List.of();
  }
}
