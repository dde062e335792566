package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;
import java.util.Optional;

/**
 * What a body held: the families that keep every rule, and the problems of the families that were
 * dropped, in line order. A syntax error gives no ParsedExposition at all but an {@link
 * ExpositionParseException}.
 */
public record ParsedExposition(List<MetricFamily> families, List<ExpositionProblem> problems) {

  /**
   * The first problem the format refuses, if any: then the format's verdict on the body is
   * "invalid".
   */
  public Optional<ExpositionProblem> firstRefusal() {
    return problems.stream().filter(ExpositionProblem::refusedByFormat).findFirst();
  }

  /**
   * The families, or the first refused problem as an exception: the format's all-or-nothing
   * verdict.
   */
  public List<MetricFamily> familiesOrThrow() throws ExpositionParseException {
    Optional<ExpositionProblem> refusal = firstRefusal();
    if (refusal.isPresent()) {
      throw new ExpositionParseException(refusal.get().line(), refusal.get().reason());
    }
    return families;
  }
}
