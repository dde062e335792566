package io.fleetpulse.collector.parse;

import io.fleetpulse.schemas.MetricFamily;
import java.util.List;

/**
 * Turns one /metrics response body into metric families. {@link Parsers} has one per {@link
 * ExpositionFormat}. Implementations are thread-safe: one instance serves all concurrent scrapes.
 */
public interface ExpositionParser {

  /**
   * The families of {@code body}, leaving out each family with a problem confined to it (reported
   * in {@link ParsedExposition#problems()}); a syntax error refuses the whole body.
   */
  ParsedExposition read(byte[] body) throws ExpositionParseException;

  /**
   * All or nothing, as the format decides: a body with any problem the format refuses gives no
   * families.
   */
  default List<MetricFamily> parse(byte[] body) throws ExpositionParseException {
    return read(body).familiesOrThrow();
  }
}
