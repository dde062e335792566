package io.fleetpulse.collector.ingest;

import java.util.Map;

/**
 * One wire format of request events: how a body becomes events and how the client is answered, in
 * its terms.
 */
interface IngestFormat {

  /** The {@code source} label of the collector's request-event counter. */
  String source();

  /**
   * Decodes a whole body; a body that cannot be read at all is refused, single bad items are
   * rejected.
   */
  DecodedBatch decode(byte[] body, String contentType, Map<String, String> query) throws Refusal;

  /**
   * The answer to a decoded body, accepted items and rejected ones alike, in the encoding the
   * request used.
   */
  Reply reply(DecodedBatch batch, String contentType);

  /** The answer to a refused request, in the encoding the request used. */
  Reply refusal(Refusal refusal, String contentType);
}
