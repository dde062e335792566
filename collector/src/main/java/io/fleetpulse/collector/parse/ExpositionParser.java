package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;

/**
 * Turns one /metrics response body into metric families, all or nothing: a body with any error
 * gives an {@link ExpositionParseException} and no families. {@link Parsers} has one per
 * {@link ExpositionFormat}. Implementations are thread-safe: one instance serves all concurrent
 * scrapes.
 */
public interface ExpositionParser {

  List<MetricFamily> parse(byte[] body) throws ExpositionParseException;
}
