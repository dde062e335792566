package io.fleetpulse.streams.decode;

import io.fleetpulse.streams.health.StreamsAppMetrics;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What happens to a record that still fails in a processor after every check at the input: Kafka
 * Streams' own handling writes it to the dead-letter topic with the exception in its headers
 * (KIP-1034) and goes on, and this counts it, so no record can stop the app and none disappears
 * unseen.
 */
public final class DeadLetterOnProcessingError extends LogAndContinueProcessingExceptionHandler {

  /** The Streams config key under which the app hands its metrics to this handler. */
  public static final String METRICS_CONFIG = "fleetpulse.metrics";

  private StreamsAppMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    if (configs.get(METRICS_CONFIG) instanceof StreamsAppMetrics given) {
      metrics = given;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (metrics != null) {
      metrics.processingFailure(context.processorNodeId());
    }
    return super.handleError(context, record, exception);
  }
}
