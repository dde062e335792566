package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.SignalState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalEpisodesTest {

  @Test
  void anEpisodeRunsFromTheFirstFiringRecordToTheFirstThatIsNot() {
    SignalEpisodes episodes = new SignalEpisodes();
    episodes.accept(signal("kv_cache_saturation", "cluster", "us-east", SignalState.INACTIVE, 10));
    episodes.accept(signal("kv_cache_saturation", "cluster", "us-east", SignalState.PENDING, 20));
    episodes.accept(signal("kv_cache_saturation", "cluster", "us-east", SignalState.FIRING, 30));
    episodes.accept(signal("kv_cache_saturation", "fleet", null, SignalState.FIRING, 35));
    episodes.accept(signal("kv_cache_saturation", "cluster", "us-east", SignalState.FIRING, 40));
    episodes.accept(signal("kv_cache_saturation", "cluster", "us-east", SignalState.RESOLVED, 50));
    episodes.accept(signal("node_down", "cluster", "eu-west", SignalState.PENDING, 60));

    Map<String, List<FiringEpisode>> all = episodes.episodes();
    assertEquals(
        List.of(
            new FiringEpisode("kv_cache_saturation", "cluster/us-east", 30_000, 50_000),
            new FiringEpisode("kv_cache_saturation", "fleet", 35_000, FiringEpisode.OPEN)),
        all.get("kv_cache_saturation"));
    assertEquals(null, all.get("node_down"));
  }

  private static Signal signal(
      String name, String scope, String cluster, SignalState state, long atSeconds) {
    return Signal.newBuilder()
        .setSignal(name)
        .setScope(scope)
        .setCluster(cluster)
        .setState(state)
        .setValue(1)
        .setThreshold(1)
        .setStartedMs(Instant.ofEpochSecond(atSeconds))
        .setUpdatedMs(Instant.ofEpochSecond(atSeconds))
        .build();
  }
}
