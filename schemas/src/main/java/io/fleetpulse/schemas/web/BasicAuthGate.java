package io.fleetpulse.schemas.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.fleetpulse.schemas.logging.LogThrottle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through with the basic credentials of one of {@code basic_auth_users}, else
 * answers 401 with a {@code WWW-Authenticate: Basic} challenge. Each refusal's reason is logged, at
 * most one line per 10 s with the count held back, and never with the password.
 */
final class BasicAuthGate extends Authenticator {

  static final String REALM = "fleetpulse";
  static final Duration LOG_QUIET = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(BasicAuthGate.class);
  private static final String SCHEME = "basic ";

  private final BasicAuthUsers users;
  private final String source;
  private final LogThrottle throttle = LogThrottle.every(LOG_QUIET);

  /**
   * @param source names the config the users come from in log lines, e.g. sink.web_config_file
   */
  BasicAuthGate(BasicAuthUsers users, String source) {
    this.users = users;
    this.source = source;
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    Login login = check(exchange.getRequestHeaders().getFirst("Authorization"));
    if (login.refusal() == null) {
      return new Success(new HttpPrincipal(login.user(), REALM));
    }
    long heldBack = throttle.occurred();
    if (heldBack >= 0) {
      log.warn(
          "Refused {} {} from {}: {} (basic_auth_users of {}){}",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRemoteAddress().getAddress().getHostAddress(),
          login.refusal(),
          source,
          LogThrottle.heldBackSuffix(heldBack));
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    return new Retry(401);
  }

  /**
   * Who an {@code Authorization} value (null: none) logs in as, or why it does not, a reason that
   * quotes no password.
   */
  Login check(String authorization) {
    if (authorization == null) {
      return Login.refused("no credentials");
    }
    if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Login.refused("credentials of another scheme than Basic");
    }
    String pair = decoded(authorization.substring(SCHEME.length()).trim());
    int colon = pair == null ? -1 : pair.indexOf(':');
    if (colon < 0) {
      return Login.refused("malformed Basic credentials");
    }
    String user = pair.substring(0, colon);
    if (users.admits(user, pair.substring(colon + 1))) {
      return new Login(user, null);
    }
    // Only a configured name is echoed: a mistyped one could be a password.
    return Login.refused(
        users.has(user) ? "wrong password for user \"" + user + "\"" : "unknown user");
  }

  /**
   * @param user who logged in; null when refused
   * @param refusal why not; null when admitted
   */
  record Login(String user, String refusal) {

    static Login refused(String refusal) {
      return new Login(null, refusal);
    }
  }

  private static String decoded(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "BasicAuthGate[" + users + " of " + source + "]";
  }
}
