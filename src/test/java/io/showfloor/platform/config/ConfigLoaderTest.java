package io.showfloor.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  @DisplayName("the shipped config/default.json names every key once and loads")
  void shippedDefaultsLoad() {
    Settings settings = ConfigLoader.load(vertx, Path.of("config"), null, Map.of());
    assertEquals(300, settings.integer("livekit.tokenTtlSeconds", -1));
  }

  @Test
  @DisplayName(
      "a defaults file with a key twice in one object is refused with one line naming the key and the line")
  void duplicateJsonKeyIsRefused() throws IOException {
    Files.writeString(
        dir.resolve("default.json"),
        """
        {
          "http": { "port": 8080 },
          "livekit": { "url": "ws://a" },
          "livekit": { "url": "ws://b" }
        }
        """);
    ConfigException refused =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(vertx, dir, null, Map.of()));
    assertTrue(refused.getMessage().contains("'livekit'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("line 4"), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
  }

  @Test
  @DisplayName(
      "the same key in different objects is fine; a duplicate inside a nested object is not")
  void nestedDuplicates() throws IOException {
    Files.writeString(
        dir.resolve("default.json"),
        """
        { "a": { "port": 1 }, "b": { "port": 2 } }
        """);
    assertEquals(2, ConfigLoader.load(vertx, dir, null, Map.of()).integer("b.port", 0));
    Files.writeString(
        dir.resolve("default.json"),
        """
        { "a": { "port": 1, "port": 2 } }
        """);
    ConfigException refused =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(vertx, dir, null, Map.of()));
    assertTrue(refused.getMessage().contains("'port'"), refused.getMessage());
  }

  @Test
  @DisplayName("a --config YAML file with a key twice is refused too, naming the file")
  void duplicateYamlKeyIsRefused() throws IOException {
    Files.writeString(dir.resolve("default.json"), "{ \"http\": { \"port\": 8080 } }");
    Path override = dir.resolve("prod.yaml");
    Files.writeString(
        override,
        """
        http:
          port: 9090
          port: 9191
        """);
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(vertx, dir, override.toString(), Map.of()));
    assertTrue(refused.getMessage().startsWith(override.toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains("duplicate key port"), refused.getMessage());
  }
}
