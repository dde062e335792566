package io.fleetpulse.collector.config;

/**
 * HTTP basic authentication for a job's scrapes, as Prometheus' {@code basic_auth}. The password is
 * given inline or read from {@code password_file} at scrape time (surrounding whitespace trimmed),
 * so a rotated secret is picked up without a restart.
 */
public record BasicAuth(String username, String password, String passwordFile) {

  public BasicAuth {
    if (username == null) {
      throw new IllegalArgumentException("basic_auth needs a username");
    }
    if (password != null && passwordFile != null) {
      throw new IllegalArgumentException(
          "basic_auth: at most one of password and password_file must be set");
    }
    if (passwordFile != null && passwordFile.isBlank()) {
      throw new IllegalArgumentException("basic_auth: password_file is blank");
    }
  }

  /** Never shows the password, so a config in a log line or an error gives no secret away. */
  @Override
  public String toString() {
    return "BasicAuth[username="
        + username
        + ", password="
        + (password == null ? null : "<secret>")
        + ", passwordFile="
        + passwordFile
        + "]";
  }
}
