package io.fleetpulse.collector.config;

import java.util.Locale;

/**
 * The {@code Authorization} header of a job's scrapes, as Prometheus' {@code authorization}: {@code
 * type} (default Bearer) and the credentials, inline or read from {@code credentials_file} at
 * scrape time.
 */
public record Authorization(String type, String credentials, String credentialsFile) {

  public static final String DEFAULT_TYPE = "Bearer";

  public Authorization {
    type = type == null ? DEFAULT_TYPE : type.trim();
    if (type.isEmpty() || type.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "authorization type \"" + type + "\" is not a single word");
    }
    if (type.toLowerCase(Locale.ROOT).equals("basic")) {
      throw new IllegalArgumentException(
          "authorization type cannot be Basic, use basic_auth instead");
    }
    if (credentials != null && credentialsFile != null) {
      throw new IllegalArgumentException(
          "authorization: at most one of credentials and credentials_file must be set");
    }
    if ((credentials == null || credentials.isEmpty())
        && (credentialsFile == null || credentialsFile.isBlank())) {
      throw new IllegalArgumentException("authorization needs credentials or credentials_file");
    }
  }

  /** Never shows the credentials, so a config in a log line or an error gives no secret away. */
  @Override
  public String toString() {
    return "Authorization[type="
        + type
        + ", credentials="
        + (credentials == null ? null : "<secret>")
        + ", credentialsFile="
        + credentialsFile
        + "]";
  }
}
