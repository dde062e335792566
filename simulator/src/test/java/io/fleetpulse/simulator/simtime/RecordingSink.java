package io.fleetpulse.simulator.simtime;

import io.fleetpulse.simulator.batching.FinishedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps the scrapes of the nodes a test looks at, and a digest of everything a run delivered. */
final class RecordingSink implements SimulationSink {

  record Page(NodeIdentity node, Instant at, String body) {
    boolean up() {
      return body != null;
    }
  }

  private final Predicate<NodeIdentity> kept;
  private final MessageDigest digest;
  final List<Page> pages = new ArrayList<>();
  long requests;

  RecordingSink(Predicate<NodeIdentity> kept) {
    this.kept = kept;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void scrape(NodeIdentity node, Instant at, byte[] body, String contentType) {
    digest.update(body);
    if (kept.test(node)) {
      pages.add(new Page(node, at, new String(body, StandardCharsets.UTF_8)));
    }
  }

  @Override
  public void scrapeRefused(NodeIdentity node, Instant at) {
    digest.update(node.instance().getBytes(StandardCharsets.UTF_8));
    if (kept.test(node)) {
      pages.add(new Page(node, at, null));
    }
  }

  @Override
  public void requestFinished(NodeIdentity node, FinishedRequest request, long endEpochMicros) {
    requests++;
    digest.update(Long.toString(endEpochMicros).getBytes(StandardCharsets.UTF_8));
  }

  byte[] digest() {
    return digest.digest();
  }
}
