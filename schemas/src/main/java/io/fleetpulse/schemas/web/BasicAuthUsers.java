package io.fleetpulse.schemas.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Prometheus' {@code basic_auth_users}: user names and their bcrypt hashes. bcrypt costs tens of
 * milliseconds on purpose, so a (user, password) pair that passed is remembered, by a SHA-256 of
 * the pair, and the next scrape with it costs a lookup, as in Prometheus' exporter-toolkit. Refused
 * pairs are never remembered: each wrong guess pays the full cost.
 */
final class BasicAuthUsers {

  /**
   * Go's bcrypt writes $2a$; htpasswd $2y$; OpenBSD $2b$. All three are the same algorithm here.
   */
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  /** Bounds the memory a stream of distinct good logins can take; beyond it the set starts over. */
  private static final int MAX_REMEMBERED = 1024;

  private final Map<String, String> hashes;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  private BasicAuthUsers(Map<String, String> hashes) {
    this.hashes = hashes;
  }

  /**
   * @param section {@code basic_auth_users}; every value must be a bcrypt hash
   */
  static BasicAuthUsers read(WebConfigSection section) {
    Map<String, String> hashes = new LinkedHashMap<>();
    section
        .texts()
        .forEach(
            (user, hash) -> {
              if (hash == null || !BCRYPT.matcher(hash).matches()) {
                throw new IllegalArgumentException(
                    section.pathOf(user)
                        + " is not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 60"
                        + " characters), e.g. from htpasswd -nBC 10 \"\"");
              }
              hashes.put(user, hash);
            });
    return new BasicAuthUsers(hashes);
  }

  boolean isEmpty() {
    return hashes.isEmpty();
  }

  boolean has(String user) {
    return hashes.containsKey(user);
  }

  /** Whether {@code password} is the one {@code user}'s hash was made from. */
  boolean admits(String user, String password) {
    String pair = digest(user, password);
    if (admitted.contains(pair)) {
      return true;
    }
    String hash = hashes.get(user);
    // An unknown user costs a bcrypt as well, so response times do not tell which users exist.
    boolean matches = matches(hash == null ? hashes.values().iterator().next() : hash, password);
    if (hash == null || !matches) {
      return false;
    }
    if (admitted.size() >= MAX_REMEMBERED) {
      admitted.clear();
    }
    admitted.add(pair);
    return true;
  }

  private static boolean matches(String hash, String password) {
    try {
      return OpenBSDBCrypt.checkPassword(hash, password.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // A password bcrypt cannot take (empty, or longer than 72 bytes) matches no hash.
      return false;
    }
  }

  private static String digest(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The user names only: a hash is a secret too. */
  @Override
  public String toString() {
    return "BasicAuthUsers" + hashes.keySet();
  }
}
