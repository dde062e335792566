package io.fleetpulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetpulse.schemas.ListenAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  @Test
  void defaultsMatchTheDesign() {
    SinkConfig config = SinkConfig.defaults();

    assertEquals("127.0.0.1:9400", config.listen());
    assertEquals(Duration.ofMinutes(5), config.staleAfter());
    assertEquals(Duration.ofMinutes(10), config.lookback());
    assertEquals(new ListenAddress("127.0.0.1", 9400), config.listenAddress());
  }

  @Test
  void nullComponentsTakeTheirDefaults() {
    SinkConfig config = new SinkConfig("0.0.0.0:0", null, Duration.ofMinutes(1), null, null, null);

    assertEquals(new ListenAddress("0.0.0.0", 0), config.listenAddress());
    assertEquals(Duration.ofMinutes(5), config.staleAfter());
    assertEquals(Duration.ofMinutes(1), config.lookback());
  }

  @Test
  void aBadListenAddressNamesTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SinkConfig("9400", null, null, null, null, null));
    assertEquals(
        "sink.listen must be host:port with a port 0..65535 (e.g. 127.0.0.1:9400, [::1]:9400), "
            + "got '9400'",
        e.getMessage());
  }

  @Test
  void durationsMustMakeSense() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SinkConfig(null, Duration.ZERO, null, null, null, null));
    assertEquals("sink.stale_after must be positive, got PT0S", zero.getMessage());

    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SinkConfig(null, null, Duration.ofSeconds(-1), null, null, null));
    assertEquals("sink.lookback must be 0s..24h, got PT-1S", negative.getMessage());

    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SinkConfig(null, null, null, Duration.ofMinutes(11), null, null));
    assertEquals("sink.restore_timeout must be 0s..10m, got PT11M", tooLong.getMessage());
  }

  @Test
  void nodeScopeIsOnAndBoundedByDefaultAndItsBoundIsChecked() {
    assertEquals(new NodeScopeConfig(true, 2000), SinkConfig.defaults().nodeScope());
    assertEquals(Duration.ofSeconds(30), SinkConfig.defaults().restoreTimeout());

    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new NodeScopeConfig(null, 0));
    assertEquals("sink.node_scope.max_nodes must be 1..100000, got 0", zero.getMessage());
  }
}
