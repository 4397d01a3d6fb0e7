package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 signing secret. On embedded defaults a random one is made once and kept under the data
 * directory, so tokens survive restarts; against an external database JWT_SECRET must be set, so
 * every node of a cluster signs with the same key. The file is the owner's alone (0600): whoever
 * reads it can sign in as anyone, admins included.
 */
public final class JwtSecret {
  private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

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
      throw new ConfigException(
          "Missing setting jwt.secret (set JWT_SECRET): required when DATABASE_URL is set");
    }
    Path file = settings.dataDir().resolve("jwt-secret");
    try {
      if (Files.exists(file)) {
        ownerOnly(file);
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      // an absolute file path always has a parent folder
      Path folder = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent());
      Files.createDirectories(folder);
      // written whole under another name, readable by the owner alone from its first byte, then
      // moved
      // into place: a crash never leaves an empty secret, and no one else ever gets to read it
      Path partial = file.resolveSibling("jwt-secret.partial");
      Files.deleteIfExists(partial);
      if (posix(folder)) {
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
      Files.writeString(partial, secret, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return secret;
    } catch (IOException e) {
      throw new ConfigException("Cannot keep the JWT secret in " + file + ": " + e.getMessage());
    }
  }

  /** A secret made by an older version (or copied in) may be readable by others: take that away. */
  private static void ownerOnly(Path file) throws IOException {
    if (!posix(file)) {
      return;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(now)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      LOG.warn(
          "{} was readable by others ({}); it is now {} (owner only)",
          file,
          PosixFilePermissions.toString(now),
          PosixFilePermissions.toString(OWNER_ONLY));
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
