package io.fleetpulse.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it does not trust, which includes our own generated
 * records (for example when a builder copies a default value). Every entry point calls {@link
 * #install()} before it touches a record; tests get the same trust from the build's {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} property.
 */
public final class AvroTrust {

  private static final String TRUSTED_PREFIX = "io.fleetpulse.";
  private static volatile boolean installed;

  private AvroTrust() {}

  /**
   * Adds this project's packages to whatever trust policy is already in force; calling it again is
   * harmless.
   */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            current, type -> type.getName().startsWith(TRUSTED_PREFIX)));
    installed = true;
  }
}
