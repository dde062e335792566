package io.fleetpulse.simulator.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships request events to a collector's {@code /v1/requests} as JSON lines, in batches, on its own
 * thread. While the collector is unreachable, events wait (at most {@value #MAX_WAITING}, the
 * oldest dropped beyond that) and go with the next batch. Events the collector rejects are logged
 * with its answer: the simulator's events are valid by construction, so a rejection is a bug worth
 * seeing.
 */
public final class RequestEventPoster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RequestEventPoster.class);
  static final int MAX_WAITING = 100_000;

  /** Keeps a body near a megabyte, well inside the collector's default limit. */
  static final int MAX_PER_POST = 4_000;

  private static final Duration POST_TIMEOUT = Duration.ofSeconds(5);

  private final URI target;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(POST_TIMEOUT).build();
  private final JsonFactory json = new JsonFactory();
  private final ArrayDeque<RequestEventLine> waiting = new ArrayDeque<>();
  private final ScheduledExecutorService timer;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private boolean failing;
  private boolean everReached;
  private volatile boolean closing;

  private RequestEventPoster(URI target) {
    this.target = target;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "fleetpulse-sim-request-events");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Posts whatever has finished to {@code target} every {@code interval}. */
  public static RequestEventPoster start(URI target, Duration interval) {
    RequestEventPoster poster = new RequestEventPoster(target);
    poster.timer.scheduleWithFixedDelay(
        poster::postWaiting, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("simulated nodes post request events to {} every {} ms", target, interval.toMillis());
    return poster;
  }

  public void add(RequestEventLine event) {
    synchronized (waiting) {
      if (waiting.size() == MAX_WAITING) {
        waiting.pollFirst();
        dropped.incrementAndGet();
      }
      waiting.addLast(event);
    }
  }

  /** Events the collector accepted. */
  public long accepted() {
    return accepted.get();
  }

  /** Events dropped, oldest first, while the collector could not be reached. */
  public long dropped() {
    return dropped.get();
  }

  /** Stops the timer, then posts what is still waiting once more. */
  @Override
  public void close() {
    closing = true;
    timer.shutdown();
    try {
      if (timer.awaitTermination(POST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        postWaiting();
      }
      if (waitingCount() > 0) {
        LOG.info(
            "{} request events not delivered: {} was gone at shutdown", waitingCount(), target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void postWaiting() {
    List<RequestEventLine> batch;
    while (!(batch = take()).isEmpty()) {
      if (!post(batch)) {
        putBack(batch);
        return;
      }
    }
  }

  private List<RequestEventLine> take() {
    synchronized (waiting) {
      List<RequestEventLine> batch = new ArrayList<>(Math.min(waiting.size(), MAX_PER_POST));
      while (batch.size() < MAX_PER_POST && !waiting.isEmpty()) {
        batch.add(waiting.pollFirst());
      }
      return batch;
    }
  }

  private void putBack(List<RequestEventLine> batch) {
    synchronized (waiting) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        if (waiting.size() == MAX_WAITING) {
          dropped.incrementAndGet();
        } else {
          waiting.addFirst(batch.get(i));
        }
      }
    }
  }

  /**
   * @return false when the batch should be tried again later
   */
  private boolean post(List<RequestEventLine> batch) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(POST_TIMEOUT)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(jsonLines(batch)))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return failed("cannot reach " + target + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (response.statusCode() != 200 && response.statusCode() != 400) {
      return failed(target + " answered " + response.statusCode() + ": " + response.body().strip());
    }
    if (failing) {
      failing = false;
      LOG.info("request events reach {} {}", target, everReached ? "again" : "now");
    }
    everReached = true;
    int refused = batch.size() - acceptedIn(response.body());
    accepted.addAndGet(batch.size() - refused);
    if (refused > 0) {
      LOG.warn(
          "{} rejected {} of {} simulated request events: {}",
          target,
          refused,
          batch.size(),
          response.body().strip());
    }
    return true;
  }

  private boolean failed(String reason) {
    if (!closing && !failing) {
      failing = true;
      // Before the first success the collector is most likely still starting; after it, it went
      // away.
      if (everReached) {
        LOG.warn("request events wait for the collector: {}", reason);
      } else {
        LOG.info("request events wait for the collector to come up: {}", reason);
      }
    }
    return false;
  }

  private int waitingCount() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  private int acceptedIn(String answer) {
    try (var parser = json.createParser(answer)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME
            && "accepted".equals(parser.currentName())
            && parser.nextToken().isNumeric()) {
          return parser.getIntValue();
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the collector's answer \"{}\": {}", answer, e.toString());
    }
    return 0;
  }

  private byte[] jsonLines(List<RequestEventLine> batch) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 320);
    try (JsonGenerator generator = json.createGenerator(body)) {
      generator.setRootValueSeparator(null);
      for (RequestEventLine event : batch) {
        event.writeTo(generator);
        generator.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return body.toByteArray();
  }
}
