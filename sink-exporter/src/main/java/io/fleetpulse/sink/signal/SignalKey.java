package io.fleetpulse.sink.signal;

import io.fleetpulse.schemas.Signal;
import io.fleetpulse.schemas.contract.Scope;
import io.fleetpulse.schemas.contract.SignalName;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes two signal records the same exported series: the signal and its scope with the labels
 * the scope implies, as the streams app keys them ({@code <scope key>/<signal id>}).
 */
public record SignalKey(SignalName signal, Scope scope, List<String> labelValues) {

  private static final Pattern SEVERITY = Pattern.compile("[a-z][a-z_]{0,31}");

  public SignalKey {
    labelValues = List.copyOf(labelValues);
  }

  /**
   * @throws IllegalArgumentException for an unknown signal or scope, a missing label the scope
   *     implies, or a severity that is not a short lower-case word
   */
  public static SignalKey of(Signal record) {
    SignalName signal =
        SignalName.fromId(record.getSignal())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown signal '" + record.getSignal() + "'"));
    Scope scope = Scope.fromLabel(record.getScope());
    String severity = record.getSeverity();
    if (severity == null || !SEVERITY.matcher(severity).matches()) {
      throw new IllegalArgumentException(
          "signal "
              + signal.id()
              + " has severity '"
              + severity
              + "', expected a lower-case word of at most 32");
    }
    return new SignalKey(
        signal, scope, scope.labelValues(record.getCluster(), record.getModel(), record.getNode()));
  }
}
