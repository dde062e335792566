package io.fleetpulse.schemas.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificates or the private key a PEM file holds, as Prometheus reads {@code ca_file}, {@code
 * cert_file} and {@code key_file}: blocks of other types are skipped, so one file may hold both a
 * certificate and its key. Keys are taken in PKCS#8 only ({@code BEGIN PRIVATE KEY}), the one
 * encoding the JDK decodes; the others are refused with the openssl command that converts them.
 * Every error names the file and reads as the reason of the option that named it.
 */
public final class PemFile {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

  private record Block(String type, String body) {}

  private final String file;
  private final List<Block> blocks;

  private PemFile(String file, List<Block> blocks) {
    this.file = file;
    this.blocks = blocks;
  }

  /** Reads the file; an unreadable one is an {@link IllegalArgumentException} naming it. */
  public static PemFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(quoted(path) + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(quoted(path) + ": permission denied", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(quoted(path) + ": cannot be read: " + e.getMessage(), e);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      blocks.add(new Block(block.group(1), block.group(2)));
    }
    return new PemFile(quoted(path), blocks);
  }

  /** Every {@code CERTIFICATE} block, in order; at least one. */
  public List<X509Certificate> certificates() {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks) {
        if (block.type().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der(block))));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds an invalid certificate: " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate (BEGIN CERTIFICATE)");
    }
    return certificates;
  }

  /** The first private key block, which must be an unencrypted PKCS#8 RSA or EC key. */
  public PrivateKey privateKey() {
    Block key =
        blocks.stream()
            .filter(block -> block.type().endsWith("PRIVATE KEY"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        file + " holds no PEM private key (BEGIN PRIVATE KEY)"));
    return switch (key.type()) {
      case "PRIVATE KEY" -> pkcs8(key);
      case "ENCRYPTED PRIVATE KEY" -> throw unsupported("an encrypted key", key);
      case "RSA PRIVATE KEY" -> throw unsupported("a PKCS#1 key", key);
      case "EC PRIVATE KEY" -> throw unsupported("a SEC1 key", key);
      default -> throw unsupported("an unsupported key", key);
    };
  }

  private PrivateKey pkcs8(Block key) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der(key));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not of this algorithm: PKCS#8 names it only inside the encoding.
      }
    }
    throw new IllegalArgumentException(file + " holds a private key that is neither RSA nor EC");
  }

  private IllegalArgumentException unsupported(String what, Block key) {
    return new IllegalArgumentException(
        file
            + " holds "
            + what
            + " (BEGIN "
            + key.type()
            + "); only unencrypted PKCS#8 keys (BEGIN PRIVATE KEY) are supported, convert it with"
            + " openssl pkcs8 -topk8 -nocrypt -in "
            + file
            + " -out key.pem");
  }

  private byte[] der(Block block) {
    try {
      return Base64.getMimeDecoder().decode(block.body());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + " holds a " + block.type() + " block that is not valid base64", e);
    }
  }

  private static String quoted(Path path) {
    return "\"" + path + "\"";
  }
}
