package io.fleetpulse.cli.evaluate;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import io.fleetpulse.schemas.contract.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the signals topic back into firing episodes, per signal: an episode starts with a signal's
 * first FIRING record in a scope and ends with the first record there that is not FIRING.
 */
public final class SignalEpisodes {

  private final Map<String, Long> firingSince = new HashMap<>();
  private final Map<String, List<FiringEpisode>> closed = new TreeMap<>();

  public void accept(Signal signal) {
    String where =
        Scope.fromLabel(signal.getScope())
            .key(signal.getCluster(), signal.getModel(), signal.getNode());
    String key = signal.getSignal() + " " + where;
    long at = signal.getUpdatedMs().toEpochMilli();
    if (signal.getState() == SignalState.FIRING) {
      firingSince.putIfAbsent(key, at);
      return;
    }
    Long since = firingSince.remove(key);
    if (since != null) {
      closed
          .computeIfAbsent(signal.getSignal(), s -> new ArrayList<>())
          .add(new FiringEpisode(signal.getSignal(), where, since, at));
    }
  }

  /** Every signal's episodes, those still firing left open, by signal id. */
  public Map<String, List<FiringEpisode>> episodes() {
    Map<String, List<FiringEpisode>> all = new TreeMap<>();
    closed.forEach((signal, episodes) -> all.put(signal, new ArrayList<>(episodes)));
    firingSince.forEach(
        (key, since) -> {
          int space = key.indexOf(' ');
          String signal = key.substring(0, space);
          all.computeIfAbsent(signal, s -> new ArrayList<>())
              .add(new FiringEpisode(signal, key.substring(space + 1), since, FiringEpisode.OPEN));
        });
    return all;
  }
}
