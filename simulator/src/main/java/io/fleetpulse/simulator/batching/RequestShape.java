package io.fleetpulse.simulator.batching;

/**
 * What the requests arriving at one instant look like: log-normal prompts, geometric answers cut
 * off by the client's max_tokens, a share of requests starting with a shared system prompt the
 * prefix cache serves, and a share the user cancels part-way.
 *
 * @param promptMeanTokens mean prompt length (log-normal)
 * @param promptSigma log-normal sigma of the prompt length
 * @param outputMeanTokens mean answer length (geometric)
 * @param prefixShare share of requests (with prompts longer than the prefix) that start with the
 *     shared prefix
 * @param prefixTokens length of the shared prefix; a whole number of KV blocks is what the cache
 *     can serve
 * @param cancelShare share of requests the user cancels before the answer ends (finish_reason
 *     abort)
 */
public record RequestShape(
    double promptMeanTokens,
    double promptSigma,
    double outputMeanTokens,
    double prefixShare,
    int prefixTokens,
    double cancelShare) {

  /** The chat mix the real-time fleet serves. */
  public static final RequestShape CHAT = new RequestShape(500, 0.8, 200, 0.6, 256, 0.02);

  public RequestShape {
    if (!(promptMeanTokens >= 1 && promptMeanTokens <= 1e6)) {
      throw new IllegalArgumentException(
          "prompt mean must be between 1 and 1e6 tokens, got " + promptMeanTokens);
    }
    if (!(promptSigma >= 0 && promptSigma <= 3)) {
      throw new IllegalArgumentException(
          "prompt sigma must be between 0 and 3, got " + promptSigma);
    }
    if (!(outputMeanTokens >= 1 && outputMeanTokens <= 1e6)) {
      throw new IllegalArgumentException(
          "output mean must be between 1 and 1e6 tokens, got " + outputMeanTokens);
    }
    requireShare(prefixShare, "prefix share");
    requireShare(cancelShare, "cancel share");
    if (prefixTokens < 0 || prefixTokens > 1_000_000) {
      throw new IllegalArgumentException(
          "prefix tokens must be between 0 and 1e6, got " + prefixTokens);
    }
  }

  private static void requireShare(double share, String what) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + share);
    }
  }

  double promptLogMean() {
    return Math.log(promptMeanTokens) - promptSigma * promptSigma / 2;
  }
}
