package io.fleetpulse.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetpulse.cli.evaluate.LeadTimeScore.Incident;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadTimeScoreTest {

  @Test
  void leadIsBreachMinusTheFirstFireInsideTheIncident() {
    List<FiringEpisode> episodes =
        List.of(
            new FiringEpisode("kv", "fleet", 50_000, 60_000),
            new FiringEpisode("kv", "fleet", 400_000, FiringEpisode.OPEN),
            new FiringEpisode("kv", "cluster/a", 300_000, FiringEpisode.OPEN));
    LeadTimeScore score = LeadTimeScore.of("kv", episodes, new Incident(100_000, 600_000L));
    assertEquals(300_000L, score.firstFiredMs());
    assertEquals(300.0, score.leadSeconds());
    assertEquals(1, score.falsePositives());
  }

  @Test
  void aFireAfterTheBreachIsLateNotFalse() {
    LeadTimeScore score =
        LeadTimeScore.of(
            "ttft",
            List.of(new FiringEpisode("ttft", "fleet", 700_000, FiringEpisode.OPEN)),
            new Incident(0, 600_000L));
    assertEquals(-100.0, score.leadSeconds());
    assertEquals(0, score.falsePositives());
    // The incident goes on after the breach: an episode half an hour later is late, not false.
    assertEquals(
        0,
        LeadTimeScore.of(
                "ttft",
                List.of(new FiringEpisode("ttft", "fleet", 2_400_000, FiringEpisode.OPEN)),
                new Incident(0, 600_000L))
            .falsePositives());
  }

  @Test
  void withoutAnIncidentEveryEpisodeIsFalse() {
    LeadTimeScore score =
        LeadTimeScore.of(
            "kv",
            List.of(
                new FiringEpisode("kv", "fleet", 1, 2), new FiringEpisode("kv", "node/x", 3, 4)),
            null);
    assertNull(score.firstFiredMs());
    assertNull(score.leadSeconds());
    assertEquals(2, score.falsePositives());
  }
}
