package io.fleetpulse.streams.signal;

import io.fleetpulse.schemas.Signal;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs detectors on each input record and forwards the signals they publish, keyed {@code <scope
 * key>/<signal>} and stamped with the evaluation's time.
 */
final class SignalProcessor<V> implements Processor<String, V, String, Signal> {

  private final Function<ProcessorContext<String, Signal>, Function<V, List<Signal>>> bind;
  private ProcessorContext<String, Signal> context;
  private Function<V, List<Signal>> detectors;

  /**
   * @param bind given the task's context (its state stores), the detectors to run on each value
   */
  SignalProcessor(Function<ProcessorContext<String, Signal>, Function<V, List<Signal>>> bind) {
    this.bind = bind;
  }

  @Override
  public void init(ProcessorContext<String, Signal> context) {
    this.context = context;
    this.detectors = bind.apply(context);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.value() == null) {
      return;
    }
    for (Signal signal : detectors.apply(record.value())) {
      context.forward(
          new Record<>(SignalTarget.keyOf(signal), signal, signal.getUpdatedMs().toEpochMilli()));
    }
  }
}
