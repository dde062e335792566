package io.fleetpulse.streams.aggregate;

import io.fleetpulse.streams.state.ScopePartial;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes a partial to the scope stage partition of its scope (murmur2 of the key, as Kafka's
 * default), and a progress mark to every partition: each scope-stage task must hear how far every
 * node-stage task is complete.
 */
public final class PartialPartitioner implements StreamPartitioner<String, ScopePartial> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, ScopePartial partial, int numPartitions) {
    if (partial.getAggregate() == null) {
      Set<Integer> all = new HashSet<>();
      for (int partition = 0; partition < numPartitions; partition++) {
        all.add(partition);
      }
      return Optional.of(all);
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
