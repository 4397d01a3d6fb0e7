package io.showfloor.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpSettings: http.* read and checked once")
class HttpSettingsTest {
  private static Settings with(String key, Object value) {
    return new Settings(new JsonObject()).with(key, value);
  }

  @Test
  @DisplayName("defaults match config/default.json and https is recognised")
  void defaults() {
    HttpSettings http = HttpSettings.from(new Settings(new JsonObject()));
    assertEquals("http://localhost:8080", http.publicUrl());
    assertEquals(8080, http.port());
    // the ceiling: 50,000-row CSV imports and 8 MiB photo uploads with their multipart framing
    assertEquals(16_777_216, http.bodyLimitBytes());
    assertTrue(
        HttpSettings.from(with("http.publicUrl", "https://shop.example")).publishedOnHttps());
  }

  @Test
  @DisplayName("a bad value stops start-up with one line naming the setting")
  void refused() {
    ConfigException url =
        assertThrows(
            ConfigException.class, () -> HttpSettings.from(with("http.publicUrl", "shop.example")));
    assertTrue(
        url.getMessage().startsWith("Setting http.publicUrl must be an http or https URL"),
        url.getMessage());
    ConfigException instances =
        assertThrows(ConfigException.class, () -> HttpSettings.from(with("http.instances", 0)));
    assertEquals("Setting http.instances must be at least 1, got 0", instances.getMessage());
    ConfigException positive =
        assertThrows(
            ConfigException.class,
            () -> with("shows.chat.maxLength", -5).positive("shows.chat.maxLength", 500));
    assertEquals("Setting shows.chat.maxLength must be positive, got -5", positive.getMessage());
  }
}
