package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;

/** Draws requests of a given {@link RequestShape}, each with the client's timeouts. */
final class RequestSampler {

  private static final int[] MAX_TOKENS_CHOICES = {256, 512, 1024, 2048};

  private final SplittableRandom random;
  private final int maxModelLen;
  private final ClientTimeouts timeouts;

  RequestSampler(SplittableRandom random, int maxModelLen, ClientTimeouts timeouts) {
    this.random = random;
    this.maxModelLen = maxModelLen;
    this.timeouts = timeouts;
  }

  Request sample(long arrivalMicros, RequestShape shape) {
    int maxTokens =
        Math.min(MAX_TOKENS_CHOICES[random.nextInt(MAX_TOKENS_CHOICES.length)], maxModelLen / 2);
    double logNormal =
        Math.exp(shape.promptLogMean() + shape.promptSigma() * random.nextGaussian());
    int promptTokens = (int) Math.max(1, Math.min(Math.round(logNormal), maxModelLen - maxTokens));
    int stopAfter =
        Math.max(1, (int) Math.ceil(-Math.log(1 - random.nextDouble()) * shape.outputMeanTokens()));
    int abortAfter =
        random.nextDouble() < shape.cancelShare()
            ? 1 + random.nextInt(Math.min(stopAfter, maxTokens))
            : 0;
    boolean sharesPrefix =
        promptTokens > shape.prefixTokens() && random.nextDouble() < shape.prefixShare();
    return new Request(
        arrivalMicros,
        promptTokens,
        maxTokens,
        stopAfter,
        abortAfter,
        sharesPrefix ? shape.prefixTokens() : 0,
        timeouts.firstTokenDeadline(arrivalMicros),
        timeouts.finishDeadline(arrivalMicros));
  }
}
