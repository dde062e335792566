package io.fleetpulse.simulator.batching;

/** One request's life in the engine: what the client asked for, and how far it got. */
final class Request {

  private final long arrivalMicros;
  private final int promptTokens;
  private final int maxTokens;
  private final int stopAfterTokens;
  private final int abortAfterTokens;
  private final int cachedPrefixTokens;
  private final long firstTokenDeadlineMicros;
  private final long finishDeadlineMicros;

  private int generatedTokens;
  private int blocksHeld;
  private boolean prefillingThisStep;
  private boolean promptCounted;
  private long firstScheduledMicros = -1;
  private long firstTokenMicros = -1;

  /**
   * @param stopAfterTokens where the model would emit end-of-sequence
   * @param abortAfterTokens where the client disconnects; 0 when it never does
   * @param firstTokenDeadlineMicros when the client gives up waiting for the first token;
   *     Long.MAX_VALUE for never
   * @param finishDeadlineMicros when the client gives up waiting for the whole answer;
   *     Long.MAX_VALUE for never
   */
  Request(
      long arrivalMicros,
      int promptTokens,
      int maxTokens,
      int stopAfterTokens,
      int abortAfterTokens,
      int cachedPrefixTokens,
      long firstTokenDeadlineMicros,
      long finishDeadlineMicros) {
    this.firstTokenDeadlineMicros = firstTokenDeadlineMicros;
    this.finishDeadlineMicros = finishDeadlineMicros;
    this.arrivalMicros = arrivalMicros;
    this.promptTokens = promptTokens;
    this.maxTokens = maxTokens;
    this.stopAfterTokens = stopAfterTokens;
    this.abortAfterTokens = abortAfterTokens;
    this.cachedPrefixTokens = cachedPrefixTokens;
  }

  long arrivalMicros() {
    return arrivalMicros;
  }

  /** When the client gives up on this request as it stands now. */
  long deadlineMicros() {
    return firstTokenMicros < 0 ? firstTokenDeadlineMicros : finishDeadlineMicros;
  }

  int promptTokens() {
    return promptTokens;
  }

  int cachedPrefixTokens() {
    return cachedPrefixTokens;
  }

  /** Tokens whose KV entries the request holds: its prompt and everything generated so far. */
  int contextTokens() {
    return promptTokens + generatedTokens;
  }

  /** A prefill (first or after preemption) computes the whole context except the cached prefix. */
  int prefillComputeTokens() {
    return contextTokens() - cachedPrefixTokens;
  }

  int blocksHeld() {
    return blocksHeld;
  }

  void holdMoreBlocks(int blocks) {
    blocksHeld += blocks;
  }

  boolean prefillingThisStep() {
    return prefillingThisStep;
  }

  /**
   * Admission always starts with a prefill: of the prompt, or of the whole context after a
   * preemption.
   */
  void admit(long stepStartMicros, int blocks) {
    blocksHeld += blocks;
    prefillingThisStep = true;
    if (firstScheduledMicros < 0) {
      firstScheduledMicros = stepStartMicros;
    }
  }

  /** Preemption drops the KV entries; the request recomputes them when it is admitted again. */
  int preempt() {
    int released = blocksHeld;
    blocksHeld = 0;
    return released;
  }

  /**
   * Counts the prompt towards vLLM's prompt counters the first time its prefill completes, never
   * again.
   */
  boolean takePromptForCounting() {
    if (promptCounted) {
      return false;
    }
    promptCounted = true;
    return true;
  }

  /**
   * @return true when this was the request's first output token
   */
  boolean emitToken(long stepEndMicros) {
    prefillingThisStep = false;
    generatedTokens++;
    if (firstTokenMicros < 0) {
      firstTokenMicros = stepEndMicros;
      return true;
    }
    return false;
  }

  double timeToFirstTokenSeconds() {
    return (firstTokenMicros - arrivalMicros) / 1e6;
  }

  /**
   * @return why the request is done, or null while it still runs
   */
  FinishReason finishReason() {
    if (abortAfterTokens > 0 && generatedTokens >= abortAfterTokens) {
      return FinishReason.ABORT;
    }
    if (generatedTokens >= stopAfterTokens) {
      return FinishReason.STOP;
    }
    return generatedTokens >= maxTokens ? FinishReason.LENGTH : null;
  }

  FinishedRequest finish(FinishReason reason, long endMicros) {
    return finish(reason, endMicros, false);
  }

  /**
   * The client gave up at its deadline: an abort, with whatever phases the request reached by then.
   */
  FinishedRequest timeOut() {
    return finish(FinishReason.ABORT, deadlineMicros(), true);
  }

  private FinishedRequest finish(FinishReason reason, long endMicros, boolean clientTimedOut) {
    long scheduledMicros = firstScheduledMicros < 0 ? endMicros : firstScheduledMicros;
    long firstMicros = firstTokenMicros < 0 ? endMicros : firstTokenMicros;
    return new FinishedRequest(
        reason,
        promptTokens,
        generatedTokens,
        maxTokens,
        promptTokens - cachedPrefixTokens,
        (endMicros - arrivalMicros) / 1e6,
        (scheduledMicros - arrivalMicros) / 1e6,
        (firstMicros - scheduledMicros) / 1e6,
        (endMicros - firstMicros) / 1e6,
        endMicros,
        clientTimedOut);
  }
}
