package io.fleetpulse.cli.report;

import io.fleetpulse.cli.evaluate.FiringEpisode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every firing episode of every signal that overlaps the range, with how long it fired. */
final class SignalDurations {

  private SignalDurations() {}

  static ReportTable table(Map<String, List<FiringEpisode>> episodes, ReportRange range) {
    List<List<String>> rows = new ArrayList<>();
    episodes.values().stream()
        .flatMap(List::stream)
        .filter(e -> e.startMs() < range.untilMs() && e.endMs() > range.sinceMs())
        // A replay of the topology sends the same episode again.
        .distinct()
        .sorted(
            Comparator.comparingLong(FiringEpisode::startMs).thenComparing(FiringEpisode::where))
        .forEach(
            e -> {
              boolean open = e.endMs() == FiringEpisode.OPEN;
              long end = open ? range.untilMs() : e.endMs();
              rows.add(
                  List.of(
                      e.name(),
                      e.where(),
                      Cells.instant(e.startMs()),
                      open ? "still firing" : Cells.instant(e.endMs()),
                      Cells.number((end - e.startMs()) / 1e3, 0)));
            });
    return new ReportTable(
        "signals",
        "Signals fired",
        "Firing episodes on the signals topic that overlap the range: from the first FIRING to the"
            + " next other state; one still firing is measured to --until. An episode sent twice (by a replay)"
            + " is listed once.",
        List.of("signal", "where", "fired", "ended", "duration_s"),
        rows,
        null);
  }
}
