package io.showfloor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away certificate authority and a server certificate it signs, made with the openssl
 * command for TLS tests (skipped, with a message, where openssl is not installed).
 */
public final class TestCertificates {
  /**
   * The CA certificate, the server's certificate and its private key (0600, as PostgreSQL insists).
   */
  public record Server(Path caCert, Path cert, Path key) {}

  private TestCertificates() {}

  /** Skips the calling test when the openssl command is missing. */
  public static void assumeOpenssl() {
    boolean present;
    try {
      present =
          new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      present = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      present = false;
    }
    Assumptions.assumeTrue(
        present, "openssl is not installed: the TLS tests make their certificates with it");
  }

  /** A new CA alone (to stand for the wrong one), written to {@code dir}/ca.crt. */
  public static Path authority(Path dir) {
    assumeOpenssl();
    mkdirs(dir);
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-subj",
        "/CN=Showfloor test CA " + dir.getFileName(),
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    return dir.resolve("ca.crt").toAbsolutePath();
  }

  /** A CA and a server certificate it signs for {@code subjectAltName} (e.g. "DNS:localhost"). */
  public static Server server(Path dir, String subjectAltName) {
    Path ca = authority(dir);
    try {
      Files.writeString(
          dir.resolve("server.ext"),
          "subjectAltName=" + subjectAltName + "\n" + "extendedKeyUsage=serverAuth\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=showfloor-test-server");
    run(
        dir,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "server.crt",
        "-extfile",
        "server.ext");
    Path key = dir.resolve("server.key").toAbsolutePath();
    try {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Server(ca, dir.resolve("server.crt").toAbsolutePath(), key);
  }

  private static void mkdirs(Path dir) {
    try {
      TestNode.deleteRecursively(dir);
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path dir, String... command) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
