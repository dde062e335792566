package io.fleetpulse.collector.scrape;

import io.fleetpulse.collector.config.Authorization;
import io.fleetpulse.collector.config.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The {@code Authorization} header value a job's scrapes send, if any, worked out at scrape time.
 */
public final class AuthorizationHeader {

  private static final AuthorizationHeader NONE = new AuthorizationHeader(() -> null);

  private final Supplier<String> value;

  private AuthorizationHeader(Supplier<String> value) {
    this.value = value;
  }

  static AuthorizationHeader of(BasicAuth basicAuth, Authorization authorization) {
    if (basicAuth != null) {
      Supplier<String> password = secret(basicAuth.password(), basicAuth.passwordFile());
      return new AuthorizationHeader(
          () ->
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (basicAuth.username() + ":" + password.get())
                              .getBytes(StandardCharsets.UTF_8)));
    }
    if (authorization != null) {
      Supplier<String> credentials =
          secret(authorization.credentials(), authorization.credentialsFile());
      return new AuthorizationHeader(() -> authorization.type() + " " + credentials.get());
    }
    return NONE;
  }

  /**
   * The header value, or null when the job sends none; a {@link ScrapeFailure} when a secret file
   * is unreadable.
   */
  String value() {
    return value.get();
  }

  private static Supplier<String> secret(String inline, String file) {
    if (file != null) {
      return new SecretFile(file)::read;
    }
    String secret = inline == null ? "" : inline;
    return () -> secret;
  }
}
