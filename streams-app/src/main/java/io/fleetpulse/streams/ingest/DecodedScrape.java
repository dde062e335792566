package io.fleetpulse.streams.ingest;

import io.fleetpulse.schemas.Scrape;

/**
 * What the decoder made of one record of the scrapes topic: the scrape, or the untouched bytes and why they
 * could not be read. Lives only between two processors, so it needs no serde.
 */
public record DecodedScrape(Scrape scrape, byte[] raw, String failure) {

  public static DecodedScrape decoded(Scrape scrape) {
    return new DecodedScrape(scrape, null, null);
  }

  public static DecodedScrape undecodable(byte[] raw, String failure) {
    return new DecodedScrape(null, raw, failure);
  }

  public boolean failed() {
    return failure != null;
  }
}
