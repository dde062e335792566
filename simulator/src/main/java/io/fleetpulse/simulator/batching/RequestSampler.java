package io.fleetpulse.simulator.batching;

import java.util.SplittableRandom;

/**
 * Draws chat requests: log-normal prompts (mean ~500 tokens), geometric answers (mean ~200 tokens) cut off by
 * the client's max_tokens, a few client aborts, and a shared system prompt that the prefix cache serves.
 */
final class RequestSampler {

    private static final double PROMPT_MEAN_TOKENS = 500;
    private static final double PROMPT_SIGMA = 0.8;
    private static final double PROMPT_MU = Math.log(PROMPT_MEAN_TOKENS) - PROMPT_SIGMA * PROMPT_SIGMA / 2;
    private static final double OUTPUT_MEAN_TOKENS = 200;
    private static final int[] MAX_TOKENS_CHOICES = {256, 512, 1024, 2048};
    private static final double ABORT_SHARE = 0.02;
    private static final double SHARED_PREFIX_SHARE = 0.6;
    /** A multiple of the block size, since the prefix cache works in whole blocks. */
    private static final int SHARED_PREFIX_TOKENS = 256;

    private final SplittableRandom random;
    private final int maxModelLen;

    RequestSampler(SplittableRandom random, int maxModelLen) {
        this.random = random;
        this.maxModelLen = maxModelLen;
    }

    Request sample(long arrivalMicros) {
        int maxTokens = Math.min(MAX_TOKENS_CHOICES[random.nextInt(MAX_TOKENS_CHOICES.length)], maxModelLen / 2);
        double logNormal = Math.exp(PROMPT_MU + PROMPT_SIGMA * random.nextGaussian());
        int promptTokens = (int) Math.max(1, Math.min(Math.round(logNormal), maxModelLen - maxTokens));
        int stopAfter = Math.max(1, (int) Math.ceil(exponential(OUTPUT_MEAN_TOKENS)));
        int abortAfter = random.nextDouble() < ABORT_SHARE
                ? 1 + random.nextInt(Math.min(stopAfter, maxTokens))
                : 0;
        boolean sharesPrefix = promptTokens > SHARED_PREFIX_TOKENS && random.nextDouble() < SHARED_PREFIX_SHARE;
        return new Request(arrivalMicros, promptTokens, maxTokens, stopAfter, abortAfter,
                sharesPrefix ? SHARED_PREFIX_TOKENS : 0);
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }
}
