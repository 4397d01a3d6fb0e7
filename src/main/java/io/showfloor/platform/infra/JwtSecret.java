package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 signing secret. On embedded defaults a random one is made once and kept under the data
 * directory, so tokens survive restarts; against an external database JWT_SECRET must be set, so
 * every node of a cluster signs with the same key.
 */
public final class JwtSecret {
  private JwtSecret() {}

  public static String resolve(Settings settings, boolean embeddedDatabase) {
    String configured = settings.string("jwt.secret", null);
    if (configured != null) {
      if (configured.length() < 32) {
        throw new ConfigException("Setting jwt.secret (JWT_SECRET) must be at least 32 characters");
      }
      return configured;
    }
    if (!embeddedDatabase) {
      throw new ConfigException("Missing setting jwt.secret (set JWT_SECRET): required when DATABASE_URL is set");
    }
    Path file = settings.dataDir().resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(file.getParent());
      Files.writeString(file, secret, StandardCharsets.UTF_8);
      return secret;
    } catch (IOException e) {
      throw new ConfigException("Cannot keep the JWT secret in " + file + ": " + e.getMessage());
    }
  }
}
