package io.fleetpulse.cli.scaleout;

import io.fleetpulse.cli.scenario.FeedProgress;
import io.fleetpulse.schemas.KafkaConnection;
import io.fleetpulse.schemas.Topics;
import io.fleetpulse.streams.FleetStreamsApp;
import io.fleetpulse.streams.StreamsAppConfig;
import io.fleetpulse.streams.window.WindowName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs N instances of the streams app (one application id, fresh for the measurement, so they read
 * the backlog from its start) until they have drained it, and measures how fast: committed scrapes
 * over time, CPU, which instance held which partitions, and whether every window of the checked
 * span came once with exactly the tokens produced.
 */
public final class DrainMeasurement {

  private static final Duration POLL = Duration.ofMillis(250);

  /** How long the group may commit nothing more and close no further window. */
  private static final Duration STALL_LIMIT = Duration.ofMinutes(3);

  private final KafkaConnection kafka;
  private final Topics topics;
  private final StreamsAppConfig template;
  private final Path stateRoot;

  /**
   * @param template the streams settings every instance runs with; its application id is the prefix
   *     of each measurement's own, and its state directory and listen address are replaced
   */
  public DrainMeasurement(
      KafkaConnection kafka, Topics topics, StreamsAppConfig template, Path stateRoot) {
    this.kafka = kafka;
    this.topics = topics;
    this.template = template;
    this.stateRoot = stateRoot;
  }

  public DrainResult run(int instances, Backlog backlog, FeedProgress progress) throws Exception {
    String applicationId =
        template.applicationId() + "-" + instances + "x-" + System.currentTimeMillis();
    String windowName = WindowName.ofMillis(backlog.windowMs());
    List<FleetStreamsApp> apps = new ArrayList<>();
    try (Admin admin = Admin.create(kafka.clientProperties());
        FleetWindowTally tally =
            new FleetWindowTally(
                kafka,
                FleetWindowTally.endOffsets(kafka, topics.fleetStats()),
                windowName,
                backlog.spanStartMs(),
                backlog.spanEndMs())) {
      GroupProgress group = new GroupProgress(admin, applicationId, topics.scrapes());
      long total = group.end();
      long processCpuStart = ThreadCpu.processNanos();
      long started = System.nanoTime();
      try {
        for (int i = 1; i <= instances; i++) {
          FleetStreamsApp app =
              new FleetStreamsApp(
                  withClientId(clientId(applicationId, i)),
                  topics,
                  instanceConfig(applicationId, i));
          apps.add(app);
          app.start();
        }
        Drain drain = awaitDrained(apps, group, tally, total, backlog, progress, started);
        long processCpu = ThreadCpu.processNanos() - processCpuStart;
        List<InstanceResult> perInstance = perInstance(apps, applicationId, group.assignment());
        long late = apps.stream().mapToLong(FleetStreamsApp::lateRecordsDropped).sum();
        return new DrainResult(
            instances,
            total,
            drain.seconds(),
            drain.firstCommitSeconds(),
            drain.steadyRate(),
            processCpu,
            perInstance,
            backlog.windowsInSpan(),
            tally.windowsSeen(),
            tally.windowsRepeated(),
            backlog.tokensInSpan(),
            tally.generationTokens(),
            late);
      } finally {
        apps.forEach(FleetStreamsApp::close);
      }
    }
  }

  /** When the drain ended, when it first committed, and its committed rate from 10% to 90%. */
  private record Drain(double seconds, double firstCommitSeconds, double steadyRate) {}

  private Drain awaitDrained(
      List<FleetStreamsApp> apps,
      GroupProgress group,
      FleetWindowTally tally,
      long total,
      Backlog backlog,
      FeedProgress progress,
      long started)
      throws Exception {
    Duration simulated = Duration.between(backlog.simulatedStart(), backlog.simulatedEnd());
    double firstCommit = Double.NaN;
    double tenPercentAt = Double.NaN;
    double ninetyPercentAt = Double.NaN;
    long lastCommitted = -1;
    int lastWindows = -1;
    long progressedAt = System.nanoTime();
    while (true) {
      for (FleetStreamsApp app : apps) {
        KafkaStreams.State state = app.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
          throw new IllegalStateException("a streams instance failed (state " + state + ")");
        }
      }
      long committed = group.committed();
      int windows = tally.windowsSeen();
      long now = System.nanoTime();
      double elapsed = (now - started) / 1e9;
      if (committed > 0 && Double.isNaN(firstCommit)) {
        firstCommit = elapsed;
      }
      if (committed >= 0.1 * total && Double.isNaN(tenPercentAt)) {
        tenPercentAt = elapsed;
      }
      if (committed >= 0.9 * total && Double.isNaN(ninetyPercentAt)) {
        ninetyPercentAt = elapsed;
      }
      progress.progressed(
          Duration.ofMillis(
              total == 0 ? 0 : (long) (simulated.toMillis() * (double) committed / total)),
          simulated,
          committed);
      if (committed >= total && windows >= backlog.windowsInSpan()) {
        progress.progressed(simulated, simulated, committed);
        double steady =
            ninetyPercentAt > tenPercentAt
                ? 0.8 * total / (ninetyPercentAt - tenPercentAt)
                : total / elapsed;
        return new Drain(elapsed, firstCommit, steady);
      }
      if (committed != lastCommitted || windows != lastWindows) {
        lastCommitted = committed;
        lastWindows = windows;
        progressedAt = now;
      } else if (now - progressedAt > STALL_LIMIT.toNanos()) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "the streams app made no progress for %d s: %,d of %,d scrapes committed, %d of %d"
                    + " fleet windows of the checked span published",
                STALL_LIMIT.toSeconds(),
                committed,
                total,
                windows,
                backlog.windowsInSpan()));
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private List<InstanceResult> perInstance(
      List<FleetStreamsApp> apps, String applicationId, Map<String, List<Integer>> assignment)
      throws IOException, InterruptedException {
    List<InstanceResult> results = new ArrayList<>();
    for (int i = 1; i <= apps.size(); i++) {
      String clientId = clientId(applicationId, i);
      List<Integer> partitions = new ArrayList<>();
      assignment.forEach(
          (member, held) -> {
            if (member.startsWith(clientId + "-")) {
              partitions.addAll(held);
            }
          });
      partitions.sort(Integer::compare);
      FleetStreamsApp app = apps.get(i - 1);
      double scrapesIn =
          InstanceHealth.scrapesIn(
              app.healthPort()
                  .orElseThrow(
                      () -> new IOException("instance " + clientId + " has no health endpoint")));
      results.add(
          new InstanceResult("i" + i, partitions, scrapesIn, ThreadCpu.nanos(clientId + "-")));
    }
    return results;
  }

  private static String clientId(String applicationId, int instance) {
    return applicationId + "-i" + instance;
  }

  /** The instance's Kafka clients named after it, so its threads and group members can be told. */
  private KafkaConnection withClientId(String clientId) {
    Map<String, String> settings = new HashMap<>(kafka.settings());
    settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return new KafkaConnection(kafka.bootstrapServers(), settings);
  }

  private StreamsAppConfig instanceConfig(String applicationId, int instance) {
    return new StreamsAppConfig(
        applicationId,
        template.windows(),
        template.grace(),
        template.numStreamThreads(),
        stateRoot.resolve(applicationId).resolve("i" + instance).toString(),
        template.replicationFactor(),
        "127.0.0.1:0",
        template.nodeScope(),
        template.maxRequestLatency(),
        template.signals(),
        template.eventLateness());
  }
}
