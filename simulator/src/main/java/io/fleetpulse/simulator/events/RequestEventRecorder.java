package io.fleetpulse.simulator.events;

import io.fleetpulse.simulator.batching.EngineListener;
import io.fleetpulse.simulator.batching.FinishedRequest;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Turns one node's finished requests into request events, placed on the wall clock. Silent until
 * {@link #sendTo(Consumer)} names where events go. Called under the node's lock, so the target must
 * be quick.
 */
public final class RequestEventRecorder implements EngineListener {

  private static final Consumer<RequestEventLine> NOWHERE = event -> {};

  private final String cluster;
  private final String model;
  private final Supplier<String> node;
  private final LongUnaryOperator engineToWallMicros;
  private volatile Consumer<RequestEventLine> target = NOWHERE;
  private long sequence;

  /**
   * @param node the node's name as its scrapes carry it (its {@code host:port}), asked for at each
   *     event because the port is bound after the engine starts
   * @param engineToWallMicros maps the engine's time to epoch microseconds
   */
  public RequestEventRecorder(
      String cluster, String model, Supplier<String> node, LongUnaryOperator engineToWallMicros) {
    this.cluster = cluster;
    this.model = model;
    this.node = node;
    this.engineToWallMicros = engineToWallMicros;
  }

  public void sendTo(Consumer<RequestEventLine> newTarget) {
    target = newTarget;
  }

  @Override
  public void requestFinished(FinishedRequest request) {
    Consumer<RequestEventLine> to = target;
    if (to == NOWHERE) {
      return;
    }
    long endMicros = engineToWallMicros.applyAsLong(request.endMicros());
    long arrivalMicros = endMicros - Math.round(request.e2eSeconds() * 1e6);
    // NaN when the client timed out before the first token; the line then leaves the field out.
    double timeToFirstToken = request.timeToFirstTokenSeconds();
    String nodeName = node.get();
    to.accept(
        new RequestEventLine(
            nodeName + "#" + (++sequence),
            cluster,
            nodeName,
            model,
            arrivalMicros,
            request.queueSeconds(),
            timeToFirstToken,
            request.e2eSeconds(),
            request.promptTokens(),
            request.generationTokens(),
            request.reason().label()));
  }
}
