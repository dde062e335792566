package io.fleetpulse.schemas.web;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * Prometheus' {@code client_auth_type}, the policy for client certificates (Go's names). The
 * policies that take a certificate without verifying it are refused: they authenticate nobody.
 */
enum ClientAuthType {
  NO_CLIENT_CERT("NoClientCert"),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven"),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert");

  private static final List<String> UNVERIFIED =
      List.of("RequestClientCert", "RequireAnyClientCert", "RequireClientCert");

  private final String prometheusName;

  ClientAuthType(String prometheusName) {
    this.prometheusName = prometheusName;
  }

  /** The policy named so; null, as in Prometheus, is NoClientCert. */
  static ClientAuthType parse(String name) {
    if (name == null) {
      return NO_CLIENT_CERT;
    }
    if (UNVERIFIED.contains(name)) {
      throw new IllegalArgumentException(
          "\""
              + name
              + "\" is not supported: it takes a client certificate without verifying it; use"
              + " RequireAndVerifyClientCert (or VerifyClientCertIfGiven) with client_ca_file");
    }
    return Arrays.stream(values())
        .filter(type -> type.prometheusName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "\""
                        + name
                        + "\" is not one of "
                        + Arrays.stream(values()).map(type -> type.prometheusName).toList()));
  }

  /** Whether client certificates are asked for, and so need the CAs that verify them. */
  boolean asksForCertificates() {
    return this != NO_CLIENT_CERT;
  }

  void applyTo(SSLParameters parameters) {
    parameters.setWantClientAuth(this == VERIFY_CLIENT_CERT_IF_GIVEN);
    parameters.setNeedClientAuth(this == REQUIRE_AND_VERIFY_CLIENT_CERT);
  }

  @Override
  public String toString() {
    return prometheusName;
  }
}
