package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.showfloor.platform.config.Settings;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The generated JWT secret")
class JwtSecretTest {

  @Test
  @DisplayName("the running node's data/jwt-secret is readable by its owner only (0600)")
  void nodeSecretIsOwnerOnly() throws Exception {
    Path file = TestNode.get().platform().settings().dataDir().resolve("jwt-secret");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  @DisplayName(
      "a new secret is made 0600 with nothing left half-written, and one left world-readable is tightened and kept")
  void tightened(@TempDir Path dataDir) throws Exception {
    Settings settings = new Settings(new JsonObject().put("dataDir", dataDir.toString()));
    String made = JwtSecret.resolve(settings, true);
    Path file = dataDir.resolve("jwt-secret");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertFalse(Files.exists(dataDir.resolve("jwt-secret.partial")));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(made, JwtSecret.resolve(settings, true), "the same secret, so tokens survive");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
