package io.fleetpulse.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * llama-server's C++ {@code %g} and TGI's Rust {@code Display}, on the values their fixtures show.
 */
class EngineNumberFormatsTest {

  @Test
  void cFormatKeepsSixSignificantDigitsAndSwitchesToAnExponentFromAMillion() {
    assertEquals("143", CFloatFormat.format(143));
    assertEquals("8.168", CFloatFormat.format(8.168));
    assertEquals("17.5073", CFloatFormat.format(17.507312));
    assertEquals("1", CFloatFormat.format(1.0));
    assertEquals("0", CFloatFormat.format(0));
    assertEquals("999999", CFloatFormat.format(999_999));
    assertEquals("1.23457e+06", CFloatFormat.format(1_234_567));
    assertEquals("1e+06", CFloatFormat.format(999_999.7));
    assertEquals("0.0001", CFloatFormat.format(0.0001));
    assertEquals("1.234e-05", CFloatFormat.format(0.00001234));
  }

  @Test
  void rustDisplayIsTheShortestRoundTripWithoutExponentOrTrailingPointZero() {
    assertEquals("0.00015000000000000001", RustFloatFormat.format(0.0001 * 1.5));
    assertEquals("409.54999999999995", RustFloatFormat.format(8191 / 100.0 * 5));
    assertEquals("2048", RustFloatFormat.format(2048.0));
    assertEquals("3289.133292898041", RustFloatFormat.format(3289.133292898041));
    assertEquals("0", RustFloatFormat.format(0));
    assertEquals("+Inf", RustFloatFormat.format(Double.POSITIVE_INFINITY));
  }
}
