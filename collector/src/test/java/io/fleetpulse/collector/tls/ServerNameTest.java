package io.fleetpulse.collector.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetpulse.schemas.tls.TestCertificate;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerNameTest {

  @TempDir static Path dir;

  private static X509Certificate wildcard;
  private static X509Certificate commonNameOnly;

  @BeforeAll
  static void certificates() throws Exception {
    wildcard =
        TestCertificate.generate(
                dir, "node.fleet.test", "EC", "dns:*.fleet.test,dns:Metrics.Test,ip:10.0.0.7")
            .certificate();
    commonNameOnly = TestCertificate.generate(dir, "cn.test", "EC", "ip:10.0.0.8").certificate();
  }

  private static void valid(String name, X509Certificate certificate) {
    assertDoesNotThrow(() -> ServerName.of(name).check(certificate), name);
  }

  private static String invalid(String name, X509Certificate certificate) {
    return assertThrows(
            CertificateException.class, () -> ServerName.of(name).check(certificate), name)
        .getMessage();
  }

  @Test
  void matchesDnsNamesIgnoringCaseAndAWildcardForOneLabel() {
    valid("metrics.test", wildcard);
    valid("METRICS.test.", wildcard);
    valid("gpu-1.fleet.test", wildcard);
    invalid("fleet.test", wildcard);
    invalid("a.gpu-1.fleet.test", wildcard);
    assertEquals(
        "certificate is valid for *.fleet.test, Metrics.Test, 10.0.0.7, not other.test",
        invalid("other.test", wildcard));
  }

  @Test
  void matchesAddressesOnlyAgainstAddressEntries() {
    valid("10.0.0.7", wildcard);
    invalid("10.0.0.8", wildcard);
    valid("10.0.0.8", commonNameOnly);
  }

  @Test
  void neverFallsBackToTheCommonName() {
    assertTrue(invalid("cn.test", commonNameOnly).endsWith("not cn.test"));
  }

  @Test
  void announcesOnlyDnsNames() {
    assertEquals(new SNIHostName("metrics.test"), ServerName.of("Metrics.Test").indication().get());
    assertTrue(ServerName.of("10.0.0.7").indication().isEmpty());
    assertTrue(ServerName.of("::1").indication().isEmpty());
  }

  @Test
  void refusesWhatIsNoHostName() {
    assertEquals(
        "\"bad name\" is not a valid host name",
        assertThrows(IllegalArgumentException.class, () -> ServerName.of("bad name")).getMessage());
    assertEquals(
        "\"10.0.0.300\" is not a valid IP address",
        assertThrows(IllegalArgumentException.class, () -> ServerName.of("10.0.0.300"))
            .getMessage());
  }
}
