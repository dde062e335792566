package io.fleetpulse.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

  @TempDir Path dir;

  @Test
  void readsTheTrimmedSecretAndPrintsOnlyTheFilesName() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  tk-93c1-secret\n");
    SecretFile secret = new SecretFile(file.toString());

    assertEquals("tk-93c1-secret", secret.read());
    assertEquals("SecretFile[" + file + "]", secret.toString());
    assertFalse(secret.toString().contains("tk-93c1"), secret.toString());
  }
}
