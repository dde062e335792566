package io.fleetpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fleetpulse.cli.config.FleetPulseConfig;
import io.fleetpulse.cli.config.KafkaSettings;
import io.fleetpulse.cli.pipeline.Component;
import io.fleetpulse.cli.pipeline.Pipeline;
import io.fleetpulse.cli.report.WeekGroundTruth;
import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.cli.scenario.KafkaScenarioOutput;
import io.fleetpulse.cli.scenario.ScenarioRunner;
import io.fleetpulse.cli.testing.TopicReader;
import io.fleetpulse.schemas.FleetWindow;
import io.fleetpulse.schemas.RollupWindow;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.simulator.scenario.Scenario;
import io.fleetpulse.simulator.scenario.ScenarioLoader;
import io.fleetpulse.simulator.simtime.ScenarioTruth;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.signal.SignalsConfig;
import io.fleetpulse.streams.window.NodeScope;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shipped {@code week} scenario through the real pipeline in simulated time — the simulator's
 * pages through the collector's parser onto the embedded broker, the streams app with its rollup
 * tiers — then {@code fleetpulse report} over the week, its figures held to the simulator's own
 * truth; then the same raw topics replayed by a second streams app under a new application id,
 * whose windows must equal the live ones.
 */
class SimulatedWeekReportIT {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  /**
   * A node's window is complete once that node has reported past its end, one scrape interval (60
   * s) after it at worst. With the default 10 s grace the scope stage would stop waiting for a node
   * long before its next scrape and hand on its windows in pieces; two intervals keep every node in
   * every window.
   */
  private static final Duration GRACE = Duration.ofMinutes(2);

  /** One request event in this many goes to Kafka: the day's p99 needs thousands, not millions. */
  private static final int EVENT_SAMPLE = 100;

  private static final double KV_THRESHOLD = 0.9;
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final Duration PIPELINE_LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void theWeeksReportMatchesTheSimulatorAndABackfillGivesTheLiveWindows() throws Exception {
    Scenario scenario = new ScenarioLoader().load("week");
    // A whole UTC week that ended today (plus the scenario's ten minutes after it): Kafka refuses
    // timestamps far ahead of its clock.
    Instant since =
        LocalDate.now(ZoneOffset.UTC).minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until = since.plus(Duration.ofDays(7));
    Topics topics = Topics.withDefaultPrefix();
    long started = System.nanoTime();
    long startedCpu = cpuNanos();
    try (Pipeline kafka =
        Pipeline.start(config("", "fleetpulse-week", "live"), EnumSet.noneOf(Component.class))) {
      String servers = kafka.bootstrapServers();
      WeekGroundTruth feed;
      ScenarioTruth truth;
      // The whole week is on Kafka before the streams app starts, so that it reads it in timestamp
      // order: written under the app at thousands of times real time, one topic's writes can run
      // seconds ahead of the other's, more than the app's wait for an empty partition (README,
      // Reports).
      try (KafkaScenarioOutput output = new KafkaScenarioOutput(kafka.connection(), topics)) {
        feed = new WeekGroundTruth(output, EVENT_SAMPLE);
        truth = ScenarioRunner.runInto(scenario, feed, since, 0, FeedProgress.NONE, true);
      }
      double fed = seconds(started);
      int dayWindows = 7 * scopes(truth);
      Map<String, Map<Integer, Long>> liveEnds = new HashMap<>();
      Map<String, FleetWindow> liveWindows;
      Map<String, Map<String, RollupWindow>> liveTiers = new TreeMap<>();
      String csv;
      double reportSeconds;
      try (Pipeline live =
          Pipeline.start(
              config(servers, "fleetpulse-week", "live"), EnumSet.of(Component.STREAMS))) {
        awaitDayWindows(servers, topics, until, dayWindows, Map.of());
        double caughtUp = seconds(started);
        // Compared: the week's windows. The ten minutes after it may still be on their way.
        liveWindows = windows(servers, topics, until, Map.of());
        for (String tier : Topics.ROLLUP_TIERS) {
          liveTiers.put(tier, tierWindows(servers, topics.rollup(tier), until, Map.of()));
        }
        liveEnds.put(topics.fleetStats(), ends(servers, topics.fleetStats()));
        for (String tier : Topics.ROLLUP_TIERS) {
          liveEnds.put(topics.rollup(tier), ends(servers, topics.rollup(tier)));
        }
        long reportStarted = System.nanoTime();
        csv = report(servers, since, until, "--format=csv");
        reportSeconds = seconds(reportStarted);
        report(servers, since, until, "--out=" + target("report-simulated-week.md"));
        report(
            servers,
            since,
            until,
            "--format=html",
            "--out=" + target("report-simulated-week.html"));
        System.out.printf(
            Locale.ROOT,
            "week fed (%,d scrapes, %,d of %,d request events; SLO breach %s) in %.1f s, pipeline"
                + " caught up at %.1f s, report --format=csv %.1f s%n",
            truth.scrapes(),
            feed.eventsSent(),
            truth.requests(),
            truth.breachAt().map(at -> Duration.between(since, at) + " in").orElse("none"),
            fed,
            caughtUp,
            reportSeconds);
      }

      checkTheReport(csv, truth, feed, since, until);

      long backfillStarted = System.nanoTime();
      try (Pipeline backfill =
          Pipeline.start(
              config(servers, "fleetpulse-week-backfill", "backfill"),
              EnumSet.of(Component.STREAMS))) {
        awaitDayWindows(servers, topics, until, dayWindows, liveEnds.get(topics.rollup("1d")));
        // The replay's windows come after the live run's on every topic: fleet-stats gets them
        // appended, and the compacted tiers have not been compacted yet.
        assertEquals(
            liveWindows,
            windows(servers, topics, until, liveEnds.get(topics.fleetStats())),
            "the backfilled live windows");
        for (String tier : Topics.ROLLUP_TIERS) {
          String topic = topics.rollup(tier);
          assertEquals(
              liveTiers.get(tier),
              tierWindows(servers, topic, until, liveEnds.get(topic)),
              "the " + tier + " tier's backfilled windows");
        }
      }
      System.out.printf(
          Locale.ROOT,
          "backfill under a new application id: %.1f s; whole test %.1f s, %.1f s of CPU (this"
              + " JVM: broker, feed, both streams apps, reports)%n",
          seconds(backfillStarted),
          seconds(started),
          (cpuNanos() - startedCpu) / 1e9);
    }
  }

  private void checkTheReport(
      String csv, ScenarioTruth truth, WeekGroundTruth feed, Instant since, Instant until) {
    Map<String, List<String[]>> sections = sections(csv);
    long fromMs = since.toEpochMilli();
    long toMs = until.toEpochMilli();
    Duration interval = Duration.ofSeconds(60);
    List<String> table = new ArrayList<>();
    for (String model : WeekGroundTruth.models(truth)) {
      String series = "model/" + model;
      for (long day = fromMs; day < toMs; day += DAY_MS) {
        String date = LocalDate.ofEpochDay(day / DAY_MS).toString();
        String[] tokens = row(sections, "daily_tokens", series, date);
        double reported = Double.parseDouble(tokens[3]);
        double exact = WeekGroundTruth.generationTokens(truth, model, day, day + DAY_MS);
        double tolerance =
            WeekGroundTruth.tokenTolerance(truth, model, day, day + DAY_MS, interval) + 0.5;
        table.add(
            String.format(
                Locale.ROOT,
                "tokens %s %s: report %.0f, simulator %.0f (off %.0f, tolerance %.0f)",
                series,
                date,
                reported,
                exact,
                reported - exact,
                tolerance));
        assertTrue(
            Math.abs(reported - exact) <= tolerance,
            series + " " + date + ": " + reported + " tokens, simulator " + exact);
        assertEquals("24", tokens[5], series + " " + date + " hours");

        String[] latency = row(sections, "daily_latency", series, date);
        Double p99 = feed.ttftP99(model, day);
        assertNotNull(p99, series + " " + date + " had request events");
        assertEquals("events", latency[4], series + " " + date + " p99 from events");
        double reportedP99 = Double.parseDouble(latency[3]);
        table.add(
            String.format(
                Locale.ROOT,
                "p99 ttft %s %s: report %.3f s, exact %.4f s (%+.2f%%)",
                series,
                date,
                reportedP99,
                p99,
                100 * (reportedP99 / p99 - 1)));
        // DDSketch's 1%, and the report's three decimals.
        assertTrue(
            Math.abs(reportedP99 - p99) <= 0.01 * p99 + 0.0005,
            series + " " + date + ": p99 " + reportedP99 + " s, exact " + p99 + " s");
      }

      String[] hours = row(sections, "node_hours", series, null);
      double down = WeekGroundTruth.nodeHoursDown(truth, model, fromMs, toMs);
      double up = WeekGroundTruth.nodes(truth, model) * 24.0 * 7 - down;
      table.add(
          String.format(
              Locale.ROOT,
              "node-hours %s: report up %s down %s, simulator up %.2f down %.2f",
              series,
              hours[2],
              hours[3],
              up,
              down));
      // One scrape a minute: a node's state flips at the minute of its first scrape after the crash
      // or restart, so each flip may be off by up to one window; the report prints one decimal.
      double flips = truth.crashes().values().stream().mapToInt(List::size).sum() * 2;
      double slack = flips / 60 + 0.05;
      assertEquals(up, Double.parseDouble(hours[2]), slack, series + " node-hours up");
      assertEquals(down, Double.parseDouble(hours[3]), slack, series + " node-hours down");

      String[] kv = row(sections, "kv_saturation", series, null);
      int saturated = WeekGroundTruth.kvSaturatedMinutes(truth, model, fromMs, toMs, KV_THRESHOLD);
      table.add(
          String.format(
              Locale.ROOT,
              "kv-saturated minutes %s: report %s, simulator %d",
              series,
              kv[2],
              saturated));
      assertTrue(saturated > 0, series + " saturates at its peaks");
      assertEquals(Integer.toString(saturated), kv[2], series + " KV-saturated minutes");
      assertEquals(Long.toString(7 * 24 * 60), kv[3], series + " minutes with KV usage");

      String[] capacity = row(sections, "capacity", series, null);
      table.add(
          String.format(
              Locale.ROOT,
              "capacity %s: knee %s tokens/s per node, peak %s, verdict %s",
              series,
              capacity[2],
              capacity[3],
              capacity[capacity.length - 1]));
      assertEquals("knee found", capacity[capacity.length - 1], String.join(",", capacity));
      double knee = Double.parseDouble(capacity[2]);
      double peak = Double.parseDouble(capacity[3]);
      // The swell passes capacity every day: the peak is past the knee.
      assertTrue(knee > 0 && knee < peak, String.join(",", capacity));
    }
    table.forEach(System.out::println);
  }

  /** Scopes the fleet has tier windows in: fleet, each cluster, model and cluster×model. */
  private static int scopes(ScenarioTruth truth) {
    long clusters = truth.nodes().stream().map(n -> n.cluster()).distinct().count();
    long models = WeekGroundTruth.models(truth).size();
    long clusterModels =
        truth.nodes().stream().map(n -> n.cluster() + "|" + n.model()).distinct().count();
    return (int) (1 + clusters + models + clusterModels);
  }

  /**
   * Waits until the 1 d tier holds every scope's day of the week, written at or after {@code from}
   * (offsets by partition): a day closes only once every tier below it has closed past its end.
   */
  private static void awaitDayWindows(
      String servers, Topics topics, Instant until, int expected, Map<Integer, Long> from)
      throws InterruptedException {
    long deadline = System.nanoTime() + PIPELINE_LIMIT.toNanos();
    int found = 0;
    while (System.nanoTime() < deadline) {
      found = tierWindows(servers, topics.rollup("1d"), until, from).size();
      if (found >= expected) {
        return;
      }
      Thread.sleep(1000);
    }
    fail("the 1d tier has " + found + " of the week's " + expected + " day windows");
  }

  /** The live windows that start before {@code until}, written at or after {@code from}. */
  private static Map<String, FleetWindow> windows(
      String servers, Topics topics, Instant until, Map<Integer, Long> from) {
    Map<String, FleetWindow> windows = new TreeMap<>();
    for (ConsumerRecord<String, FleetWindow> record :
        after(TopicReader.readAll(servers, topics.fleetStats(), FleetWindow.class), from)) {
      if (!record.value().getWindowStartMs().isBefore(until)) {
        continue;
      }
      String key = record.key() + "@" + record.value().getWindowStartMs();
      assertEquals(null, windows.put(key, record.value()), "emitted once: " + key);
    }
    return windows;
  }

  /** As {@link #windows}, a tier's, the newest by key as compaction keeps it. */
  private static Map<String, RollupWindow> tierWindows(
      String servers, String topic, Instant until, Map<Integer, Long> from) {
    Map<String, RollupWindow> windows = new TreeMap<>();
    for (ConsumerRecord<String, RollupWindow> record :
        after(TopicReader.readAll(servers, topic, RollupWindow.class), from)) {
      if (record.value().getWindow().getWindowStartMs().isBefore(until)) {
        windows.put(record.key(), record.value());
      }
    }
    return windows;
  }

  private static <V> List<ConsumerRecord<String, V>> after(
      List<ConsumerRecord<String, V>> records, Map<Integer, Long> from) {
    Predicate<ConsumerRecord<String, V>> later =
        record -> record.offset() >= from.getOrDefault(record.partition(), 0L);
    return records.stream().filter(later).toList();
  }

  /** Per partition, the offset after the last record the topic has now. */
  private static Map<Integer, Long> ends(String servers, String topic) {
    Map<Integer, Long> next = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record :
        TopicReader.readAll(servers, topic, new ByteArrayDeserializer())) {
      next.merge(record.partition(), record.offset() + 1, Math::max);
    }
    return next;
  }

  private static String report(String servers, Instant since, Instant until, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = FleetPulseCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    List<String> args =
        new ArrayList<>(
            List.of(
                "report",
                "--bootstrap-servers=" + servers,
                "--since=" + since,
                "--until=" + until,
                "--scope=model",
                "--kv-threshold=" + KV_THRESHOLD));
    args.addAll(List.of(options));
    int exit = command.execute(args.toArray(String[]::new));
    assertEquals(0, exit, err.toString());
    return out.toString();
  }

  /** The report's CSV by section: each row split on commas (no cell here holds one). */
  private static Map<String, List<String[]>> sections(String csv) {
    Map<String, List<String[]>> sections = new HashMap<>();
    for (String line : csv.split("\r\n")) {
      if (!line.isEmpty()) {
        String[] cells = line.split(",", -1);
        sections.computeIfAbsent(cells[0], s -> new ArrayList<>()).add(cells);
      }
    }
    return sections;
  }

  private static String[] row(
      Map<String, List<String[]>> sections, String section, String series, String day) {
    for (String[] row : sections.getOrDefault(section, List.of())) {
      if (row[1].equals(series) && (day == null || row[2].equals(day))) {
        return row;
      }
    }
    throw new AssertionError("no " + section + " row for " + series + " " + day);
  }

  private FleetPulseConfig config(String servers, String applicationId, String stateName) {
    StreamsAppConfig streams =
        new StreamsAppConfig(
            applicationId,
            List.of(WINDOW),
            GRACE,
            null,
            dir.resolve("streams-" + stateName).toString(),
            null,
            "127.0.0.1:0",
            // Node scope is what a 3-node fleet needs least, and a third of the windows.
            NodeScope.OFF,
            null,
            SignalsConfig.defaults().withWindow(WINDOW),
            null);
    // The week is days old: raw scrapes and live windows kept by the default retention (3 d, 1 d)
    // would be deleted under the replay.
    Duration keep = Duration.ofDays(30);
    KafkaSettings kafka =
        new KafkaSettings(
            servers, null, dir.resolve("kafka").toString(), 2, null, keep, keep, null, null, null);
    return new FleetPulseConfig(kafka, null, streams, null);
  }

  private static String target(String name) {
    return Path.of("target", name).toAbsolutePath().toString();
  }

  /** CPU time rather than wall time: the machine is shared, and the wall clock says how busy. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
