package io.fleetpulse.cli.scaleout;

import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.cli.scenario.KafkaScenarioOutput;
import io.fleetpulse.cli.scenario.ScenarioRunner;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.streams.window.TumblingWindows;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The scrapes of a simulated fleet, produced into Kafka ahead of the measurements, and what they
 * hold: the number of scrapes and the fleet's generation tokens over a span of whole windows.
 *
 * <p>The span leaves out two scrape intervals at each end: at the start every node needs two
 * scrapes before it counts anything, and at the end a window is closed by its nodes' next scrapes,
 * which the last windows never get (they close only by the wall clock, much later).
 *
 * @param spanStartMs start of the first checked window
 * @param spanEndMs end of the last checked window
 */
public record Backlog(
    long scrapes,
    int nodes,
    Instant simulatedStart,
    Instant simulatedEnd,
    long spanStartMs,
    long spanEndMs,
    long windowMs,
    double tokensInSpan,
    Duration produceTime) {

  /** Windows of the span, each to be closed once. */
  public long windowsInSpan() {
    return (spanEndMs - spanStartMs) / windowMs;
  }

  /**
   * Plays {@code scenario} as fast as it goes into {@code topics}, ending now: Kafka refuses
   * timestamps more than an hour ahead of its clock.
   */
  public static Backlog produce(
      Scenario scenario,
      KafkaConnection kafka,
      Topics topics,
      Duration window,
      FeedProgress progress) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(scenario.duration());
    Instant end = start.plus(scenario.duration());
    long windowMs = window.toMillis();
    long margin = 2 * scenario.scrapeInterval().toMillis();
    long spanStart =
        TumblingWindows.endOfWindowContaining(start.toEpochMilli() + margin - 1, windowMs);
    long spanEnd = TumblingWindows.startOfWindowContaining(end.toEpochMilli() - margin, windowMs);
    if (spanEnd <= spanStart) {
      throw new IllegalArgumentException(
          "a simulated span of "
              + scenario.duration().toSeconds()
              + " s leaves no whole "
              + window.toSeconds()
              + " s window between its first and last two scrape intervals");
    }
    long started = System.nanoTime();
    try (KafkaScenarioOutput kafkaOutput = new KafkaScenarioOutput(kafka, topics)) {
      BacklogOutput output = new BacklogOutput(kafkaOutput, spanStart, spanEnd);
      ScenarioRunner.runInto(scenario, output, start, 0, progress);
      return new Backlog(
          output.scrapes(),
          output.nodes(),
          start,
          end,
          spanStart,
          spanEnd,
          windowMs,
          output.tokensInSpan(),
          Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
