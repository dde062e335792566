package io.fleetpulse.simulator.scenario;

import io.fleetpulse.simulator.batching.RequestShape;
import java.time.Duration;

/**
 * The request shape from {@code at} on; absent fields take the chat defaults (prompts ~500 tokens,
 * answers ~200, 60% sharing a 256-token prefix), except that nobody cancels unless {@code
 * cancel_share} says so.
 */
public record ShapePoint(
    Duration at,
    Double promptMeanTokens,
    Double promptSigma,
    Double outputMeanTokens,
    Double prefixShare,
    Integer prefixTokens,
    Double cancelShare) {

  public ShapePoint {
    at = at == null ? Duration.ZERO : Bounds.offset(at, "at");
    RequestShape chat = RequestShape.CHAT;
    promptMeanTokens = promptMeanTokens == null ? chat.promptMeanTokens() : promptMeanTokens;
    promptSigma = promptSigma == null ? chat.promptSigma() : promptSigma;
    outputMeanTokens = outputMeanTokens == null ? chat.outputMeanTokens() : outputMeanTokens;
    prefixShare = prefixShare == null ? chat.prefixShare() : prefixShare;
    prefixTokens = prefixTokens == null ? chat.prefixTokens() : prefixTokens;
    cancelShare = cancelShare == null ? 0.0 : cancelShare;
    new RequestShape(
        promptMeanTokens, promptSigma, outputMeanTokens, prefixShare, prefixTokens, cancelShare);
  }

  public static ShapePoint chat() {
    return new ShapePoint(null, null, null, null, null, null, null);
  }

  RequestShape shape() {
    return new RequestShape(
        promptMeanTokens, promptSigma, outputMeanTokens, prefixShare, prefixTokens, cancelShare);
  }
}
