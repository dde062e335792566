package io.fleetpulse.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatFormatTest {

  /** Expected strings were produced by CPython 3 running prometheus_client's floatToGoString. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "14.0, 14.0",
    "0.0, 0.0",
    "-0.0, -0.0",
    "1194695.0, 1.194695e+06",
    "1000000.0, 1e+06",
    "999999.0, 999999.0",
    "406958.0, 406958.0",
    "10849872.0, 1.0849872e+07",
    "0.7342, 0.7342",
    "0.001, 0.001",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "0.000015, 1.5e-05",
    "1590.5178640507772, 1590.5178640507772",
    "131.52255000000008, 131.52255000000008",
    "0.1, 0.1",
    "1795835430.9676251, 1.7958354309676251e+09",
    "1795835430.42, 1.79583543042e+09",
    "42949672960.0, 4.294967296e+010",
    "12345678901.5, 1.23456789015e+010",
    "1e16, 1e+16",
    "1.5e16, 1.5e+16",
    "9007199254740993e2, 9.007199254740993e+17",
    "-1194695.0, -1194695.0",
    "-2.5, -2.5",
    "Infinity, +Inf",
    "-Infinity, -Inf",
    "NaN, NaN",
  })
  void formatsLikePrometheusClient(double value, String expected) {
    assertEquals(expected, PythonFloatFormat.format(value));
  }

  @ParameterizedTest(name = "repr({0}) = {1}")
  @CsvSource({
    "0.30000000000000004, 0.30000000000000004",
    "123456.789, 123456.789",
    "1e22, 1e+22",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
  })
  void reprIsShortestRoundTrip(double value, String expected) {
    assertEquals(expected, PythonFloatFormat.pythonRepr(value));
  }
}
