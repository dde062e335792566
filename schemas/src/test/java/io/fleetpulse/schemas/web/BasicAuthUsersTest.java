package io.fleetpulse.schemas.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class BasicAuthUsersTest {

  /** OpenBSD's own test vector for the password "U*U", cost 5. */
  private static final String VECTOR =
      "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

  private static BasicAuthUsers users(Map<String, String> hashes) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    hashes.forEach(section::put);
    return BasicAuthUsers.read(
        WebConfigSection.root(
                JsonNodeFactory.instance.objectNode().set("basic_auth_users", section))
            .section("basic_auth_users"));
  }

  @Test
  void takesTheHashesOfGoHtpasswdAndOpenBsd() {
    for (String prefix : new String[] {"$2a$", "$2b$", "$2y$"}) {
      BasicAuthUsers users = users(Map.of("fleet", prefix + VECTOR.substring(4)));
      assertTrue(users.admits("fleet", "U*U"), prefix);
      assertFalse(users.admits("fleet", "U*U*"), prefix);
      assertFalse(users.admits("other", "U*U"), prefix);
    }
  }

  @Test
  void passwordsBcryptCannotTakeMatchNothing() {
    BasicAuthUsers users = users(Map.of("fleet", VECTOR));
    assertFalse(users.admits("fleet", ""));
    assertFalse(users.admits("fleet", "U*U" + "x".repeat(100)));
  }

  @Test
  void aPairThatPassedCostsNoSecondBcrypt() {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    // Cost 12: a few hundred milliseconds per check, far above a lookup.
    String slow = OpenBSDBCrypt.generate("2y", "pw".getBytes(StandardCharsets.UTF_8), salt, 12);
    BasicAuthUsers users = users(Map.of("fleet", slow));
    long first = System.nanoTime();
    assertTrue(users.admits("fleet", "pw"));
    long checked = System.nanoTime() - first;
    long second = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      assertTrue(users.admits("fleet", "pw"));
    }
    long remembered = System.nanoTime() - second;
    assertTrue(remembered < checked / 5, "10 remembered: " + remembered + " ns, one: " + checked);
    // A wrong password is never remembered as right.
    assertFalse(users.admits("fleet", "pW"));
  }

  @Test
  void toStringNamesUsersOnly() {
    BasicAuthUsers users = users(Map.of("fleet", VECTOR));
    assertEquals("BasicAuthUsers[fleet]", users.toString());
  }
}
