package io.fleetpulse.simulator.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * vLLM-style continuous batching, one step at a time. A step begins by reserving KV blocks for
 * every running request's next token, preempting the most recently admitted request whenever the
 * pool runs dry; if nothing was preempted it admits waiting requests first-come-first-served while
 * the batch, the token budget and the KV pool allow. When the step ends every request in the batch
 * has produced one token. Before all that, requests whose client gave up are aborted and free their
 * blocks.
 */
final class ContinuousBatchScheduler {

  private final EngineConfig config;
  private final KvBlockPool pool;
  private final StepCostModel cost;
  private final EngineListener listener;
  private final ClientTimeouts timeouts;

  /** In admission order, so the newest request, the first to be preempted, is last. */
  private final List<Request> running = new ArrayList<>();

  /**
   * In arrival order: arrivals join at the tail, preempted requests (admitted earlier, FCFS) at the
   * head.
   */
  private final ArrayDeque<Request> waiting = new ArrayDeque<>();

  private long stepStartMicros;
  private int stepPrefillTokens;
  private int stepPrefillRequests;

  /**
   * No request's client gives up before this; a lower bound, so most steps skip the timeout scan.
   */
  private long earliestDeadlineMicros = Long.MAX_VALUE;

  ContinuousBatchScheduler(EngineConfig config, ClientTimeouts timeouts, EngineListener listener) {
    this.timeouts = timeouts;
    this.config = config;
    this.pool = new KvBlockPool(config.numGpuBlocks(), config.blockSize());
    this.cost = new StepCostModel(config);
    this.listener = listener;
  }

  void enqueue(Request request) {
    waiting.addLast(request);
    earliestDeadlineMicros = Math.min(earliestDeadlineMicros, request.deadlineMicros());
    listener.requestQueued();
  }

  boolean idle() {
    return running.isEmpty() && waiting.isEmpty();
  }

  /**
   * @return the step's duration in microseconds
   */
  long beginStep(long startMicros) {
    stepStartMicros = startMicros;
    if (timeouts.any() && startMicros >= earliestDeadlineMicros) {
      abortTimedOut(startMicros);
    }
    boolean preempted = reserveDecodeBlocks();
    // Like vLLM, admit nobody in a step that had to preempt: the pool is under pressure.
    int runningBefore = running.size();
    stepPrefillTokens = preempted ? 0 : admitWaiting(startMicros);
    stepPrefillRequests = running.size() - runningBefore;
    reportState();
    return cost.durationMicros(running.size(), stepPrefillTokens);
  }

  /**
   * A first token only moves a request's deadline later, so the bound stays valid until the next
   * scan.
   */
  private void abortTimedOut(long nowMicros) {
    long earliest = Long.MAX_VALUE;
    int kept = 0;
    int batchSize = running.size();
    for (int i = 0; i < batchSize; i++) {
      Request request = running.get(i);
      if (request.deadlineMicros() <= nowMicros) {
        pool.release(request.blocksHeld());
        listener.requestFinished(request.timeOut());
      } else {
        running.set(kept++, request);
        earliest = Math.min(earliest, request.deadlineMicros());
      }
    }
    running.subList(kept, batchSize).clear();
    for (Iterator<Request> queued = waiting.iterator(); queued.hasNext(); ) {
      Request request = queued.next();
      if (request.deadlineMicros() <= nowMicros) {
        queued.remove();
        pool.release(request.blocksHeld());
        listener.requestFinished(request.timeOut());
      } else {
        earliest = Math.min(earliest, request.deadlineMicros());
      }
    }
    earliestDeadlineMicros = earliest;
  }

  private boolean reserveDecodeBlocks() {
    boolean preempted = false;
    for (int i = 0; i < running.size(); i++) {
      Request request = running.get(i);
      int missing = pool.blocksFor(request.contextTokens() + 1) - request.blocksHeld();
      while (missing > pool.freeBlocks() && i < running.size()) {
        preemptNewest();
        preempted = true;
      }
      if (i < running.size() && missing > 0) {
        pool.allocate(missing);
        request.holdMoreBlocks(missing);
      }
    }
    return preempted;
  }

  private void preemptNewest() {
    Request victim = running.remove(running.size() - 1);
    pool.release(victim.preempt());
    waiting.addFirst(victim);
    listener.requestPreempted();
  }

  /**
   * @return the prompt tokens the admitted requests compute in this step
   */
  private int admitWaiting(long startMicros) {
    int prefillBudget = config.maxNumBatchedTokens() - running.size();
    int prefillTokens = 0;
    while (!waiting.isEmpty() && running.size() < config.maxNumSeqs()) {
      Request next = waiting.peekFirst();
      int compute = next.prefillComputeTokens();
      // An empty batch takes the head request whatever its size, so a long one cannot wait forever.
      if (compute > prefillBudget - prefillTokens && !running.isEmpty()) {
        break;
      }
      int blocks = pool.blocksFor(next.contextTokens() + 1);
      if (blocks > pool.freeBlocks()) {
        break;
      }
      waiting.pollFirst();
      pool.allocate(blocks);
      next.admit(startMicros, blocks);
      running.add(next);
      prefillTokens += compute;
    }
    return prefillTokens;
  }

  void completeStep(long endMicros) {
    int batchSize = running.size();
    int decodeTokens = 0;
    int promptTokens = 0;
    int cachedPromptTokens = 0;
    int prefixQueryTokens = 0;
    int prefixHitTokens = 0;
    int kept = 0;
    for (int i = 0; i < batchSize; i++) {
      Request request = running.get(i);
      if (request.prefillingThisStep()) {
        prefixQueryTokens += request.contextTokens();
        prefixHitTokens += request.cachedPrefixTokens();
        if (request.takePromptForCounting()) {
          promptTokens += request.promptTokens();
          cachedPromptTokens += request.cachedPrefixTokens();
        }
      } else {
        decodeTokens++;
      }
      if (request.emitToken(endMicros)) {
        listener.firstToken(request.timeToFirstTokenSeconds());
      }
      FinishReason reason = request.finishReason();
      if (reason == null) {
        running.set(kept++, request);
      } else {
        pool.release(request.blocksHeld());
        listener.requestFinished(request.finish(reason, endMicros));
      }
    }
    running.subList(kept, batchSize).clear();
    listener.stepFinished(
        new StepReport(
            endMicros,
            endMicros - stepStartMicros,
            decodeTokens,
            decodeTokens + stepPrefillTokens,
            promptTokens,
            cachedPromptTokens,
            batchSize,
            prefixQueryTokens,
            prefixHitTokens,
            stepPrefillRequests));
    reportState();
  }

  /** A server restart: every request is lost and the KV cache is empty. */
  void clear() {
    running.clear();
    waiting.clear();
    pool.clear();
    reportState();
  }

  private void reportState() {
    listener.schedulerState(running.size(), waiting.size(), pool.usage());
  }
}
