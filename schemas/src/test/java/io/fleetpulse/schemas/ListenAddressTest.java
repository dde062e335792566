package io.fleetpulse.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void takesHostNamesIpLiteralsAndBracketedIpv6() {
    assertEquals(
        new ListenAddress("127.0.0.1", 9400), ListenAddress.parse("sink.listen", "127.0.0.1:9400"));
    assertEquals(
        new ListenAddress("localhost", 0), ListenAddress.parse("sink.listen", "localhost:0"));
    assertEquals(new ListenAddress("::1", 9401), ListenAddress.parse("sink.listen", "[::1]:9401"));
  }

  @Test
  void aMistakeNamesTheOptionAndTheValue() {
    for (String bad :
        new String[] {
          "9400",
          "localhost:",
          "localhost:http",
          "localhost:70000",
          "::1:9400",
          "host:9400/metrics",
          "user@host:9400"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ListenAddress.parse("sink.listen", bad), bad);
      assertEquals(
          "sink.listen must be host:port with a port 0..65535 (e.g. 127.0.0.1:9400, [::1]:9400), got '"
              + bad
              + "'",
          e.getMessage());
    }
    assertEquals(
        "streams.listen must be host:port with a port 0..65535 (e.g. 127.0.0.1:9400, [::1]:9400), "
            + "got nothing",
        assertThrows(
                IllegalArgumentException.class, () -> ListenAddress.parse("streams.listen", null))
            .getMessage());
  }
}
