package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;

/**
 * Turns one /metrics response body into metric families. The text format is the only one today;
 * OpenMetrics becomes a second implementation chosen by the response's content type.
 * Implementations are thread-safe: one instance serves all concurrent scrapes.
 */
public interface ExpositionParser {

  List<MetricFamily> parse(byte[] body) throws ExpositionParseException;
}
