package io.fleetpulse.streams.scope;

import io.fleetpulse.streams.state.ScopedSlice;

import io.fleetpulse.streams.window.WindowName;
import io.fleetpulse.streams.state.WindowSlice;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Sends each node slice to every scope it belongs to, keyed by scope and window size, so that after the
 * repartition each scope's aggregate lives on exactly one partition.
 */
public final class ScopeFanOut implements KeyValueMapper<String, WindowSlice, Iterable<KeyValue<String, ScopedSlice>>> {

  @Override
  public Iterable<KeyValue<String, ScopedSlice>> apply(String nodeId, WindowSlice slice) {
    String windowName = WindowName.ofMillis(slice.getWindowSizeMs());
    List<KeyValue<String, ScopedSlice>> routed = new ArrayList<>(Scope.values().length);
    for (Scope scope : Scope.values()) {
      routed.add(KeyValue.pair(ScopeKey.of(scope, slice).windowKey(windowName), new ScopedSlice(scope.label(), slice)));
    }
    return routed;
  }
}
