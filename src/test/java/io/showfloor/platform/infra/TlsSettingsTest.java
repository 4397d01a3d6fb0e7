package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.testing.TestCertificates;
import io.showfloor.testing.TestNode;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Database and Redis URLs: TLS settings are read faithfully and bad ones stop start-up in one line")
class TlsSettingsTest {
  private static final String DB = "database.url (DATABASE_URL)";
  private static final String DB_CA = "database.sslRootCert (DATABASE_SSL_ROOT_CERT)";

  @Test
  @DisplayName(
      "a managed-service URL keeps its sslmode, user, password, port and database for both drivers")
  void managedServiceUrl() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgres://app%40corp:p%2Fss@db.example.com:6543/shop?sslmode=require&application_name=showfloor",
            null);
    assertEquals("db.example.com", url.host());
    assertEquals(6543, url.port());
    assertEquals("shop", url.database());
    assertEquals("app@corp", url.user());
    assertEquals("p/ss", url.password());
    assertEquals(SslMode.REQUIRE, url.sslMode());
    assertEquals(SslMode.REQUIRE, url.connectOptions().getSslMode());
    assertTrue(
        url.connectOptions().getSslOptions().isTrustAll(),
        "require does not check the certificate, like libpq");
    assertEquals(
        "jdbc:postgresql://db.example.com:6543/shop?sslmode=require&ApplicationName=showfloor",
        url.jdbcUrl());
    assertEquals("showfloor", url.connectOptions().getProperties().get("application_name"));
    assertFalse(url.toString().contains("p/ss"), "the password never shows in logs");
  }

  @Test
  @DisplayName("no sslmode means plain TCP, as before; jdbc: prefixes are accepted")
  void plainByDefault() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://u:p@10.0.0.5/app", null);
    assertEquals(SslMode.DISABLE, url.sslMode());
    assertEquals(5432, url.port());
    assertEquals("jdbc:postgresql://10.0.0.5:5432/app?sslmode=disable", url.jdbcUrl());
    assertNull(url.rootCert());
  }

  @Test
  @DisplayName(
      "verify-full and verify-ca carry the CA file to both drivers; require with a CA file checks it, as libpq does")
  void verifyModes() {
    Path ca =
        TestCertificates.authority(
            Path.of("target", "test-data", "tls-settings-ca").toAbsolutePath());
    DatabaseUrl full =
        DatabaseUrl.parse("postgresql://u:p@db.example.com/app?sslmode=verify-full", ca.toString());
    assertEquals("HTTPS", full.connectOptions().getSslOptions().getHostnameVerificationAlgorithm());
    assertEquals(
        List.of(ca.toString()),
        ((PemTrustOptions) full.connectOptions().getSslOptions().getTrustOptions()).getCertPaths());
    assertTrue(
        full.jdbcUrl()
            .contains("sslmode=verify-full&sslrootcert=" + ca.toString().replace("/", "%2F")),
        full.jdbcUrl());
    DatabaseUrl caOnly =
        DatabaseUrl.parse("postgresql://u:p@db.example.com/app?sslmode=verify-ca", ca.toString());
    assertEquals("", caOnly.connectOptions().getSslOptions().getHostnameVerificationAlgorithm());
    assertEquals(
        SslMode.VERIFY_CA,
        DatabaseUrl.parse("postgresql://u:p@h/app?sslmode=require", ca.toString()).sslMode());
  }

  @Test
  @DisplayName(
      "malformed database URLs, unknown sslmodes and parameters, missing or bad CA files each name their setting")
  void badDatabaseSettings() throws Exception {
    Path notACert =
        Files.createDirectories(Path.of("target", "test-data", "tls-settings"))
            .resolve("not-a-cert.pem");
    Files.writeString(notACert, "hello");
    Map<String, String> cases =
        Map.of(
            "postgresql://u:p@h/app?sslmode=bogus", DB,
            "mysql://u:p@h/app", DB,
            "postgresql://u:p@h:99999/app", DB,
            "postgresql://u:p@h:port/app", DB,
            "postgresql://u:p@h/app?sslmode", DB,
            "postgresql://u:p@h/app?channel_binding=require", DB,
            "postgresql:///app", DB,
            "postgresql://u:p@h/app?sslmode=verify-full", DB_CA);
    cases.forEach((url, setting) -> assertNamed(setting, () -> DatabaseUrl.parse(url, null)));
    assertNamed(
        DB_CA,
        () ->
            DatabaseUrl.parse("postgresql://u:p@h/app?sslmode=verify-full", "/nonexistent/ca.pem"));
    assertNamed(
        DB_CA,
        () -> DatabaseUrl.parse("postgresql://u:p@h/app?sslmode=verify-full", notACert.toString()));
    assertNamed(
        DB + "'s sslrootcert",
        () ->
            DatabaseUrl.parse(
                "postgresql://u:p@h/app?sslmode=verify-ca&sslrootcert=/nope.pem", null));
  }

  @Test
  @DisplayName(
      "rediss:// makes the Redis client speak TLS from the first byte, checking the host name and the configured CA")
  void redissOptions() {
    Path ca =
        TestCertificates.authority(
            Path.of("target", "test-data", "tls-settings-redis-ca").toAbsolutePath());
    RedisOptions tls =
        RedisUrl.parse("rediss://:secret@cache.example.com:6380/0", ca.toString()).options();
    assertTrue(tls.getNetClientOptions().isSsl());
    assertEquals("HTTPS", tls.getNetClientOptions().getHostnameVerificationAlgorithm());
    assertEquals(
        List.of(ca.toString()),
        ((PemTrustOptions) tls.getNetClientOptions().getTrustOptions()).getCertPaths());
    assertEquals("rediss://:secret@cache.example.com:6380/0", tls.getEndpoint());
    RedisOptions plain = RedisUrl.parse("redis://127.0.0.1:6379", null).options();
    assertFalse(plain.getNetClientOptions().isSsl());
    assertFalse(
        RedisUrl.parse("rediss://cache.example.com", null).toString().contains("cache"),
        "no URL (or password) in logs");
  }

  @Test
  @DisplayName("malformed Redis URLs and missing or misplaced CA files name their setting")
  void badRedisSettings() {
    String url = "redis.url (REDIS_URL)";
    String ca = "redis.sslRootCert (REDIS_SSL_ROOT_CERT)";
    assertNamed(url, () -> RedisUrl.parse("http://cache:6379", null));
    assertNamed(url, () -> RedisUrl.parse("rediss://", null));
    assertNamed(url, () -> RedisUrl.parse("redis://cache:6379/cats", null));
    assertNamed(url, () -> RedisUrl.parse("redis://ca che:6379", null));
    assertNamed(ca, () -> RedisUrl.parse("rediss://cache:6380", "/nonexistent/ca.pem"));
    assertNamed(ca, () -> RedisUrl.parse("redis://cache:6379", "/nonexistent/ca.pem"));
  }

  @Test
  @DisplayName(
      "the program exits with code 2 and one line naming the setting for a bad sslmode, CA file or rediss CA")
  void exitCodeTwo() throws Exception {
    String database = TestNode.get().platform().settings().string("database.url", null);
    assertExit2(Map.of("DATABASE_URL", database + "?sslmode=sometimes"), "sslmode=sometimes");
    assertExit2(
        Map.of(
            "DATABASE_URL",
            database + "?sslmode=verify-full",
            "DATABASE_SSL_ROOT_CERT",
            "/nonexistent/ca.pem"),
        DB_CA);
    assertExit2(
        Map.of(
            "DATABASE_URL",
            database,
            "REDIS_URL",
            "rediss://127.0.0.1:6380",
            "REDIS_SSL_ROOT_CERT",
            "/nonexistent/ca.pem"),
        "redis.sslRootCert (REDIS_SSL_ROOT_CERT)");
  }

  private static void assertNamed(String setting, Runnable parse) {
    ConfigException refused = assertThrows(ConfigException.class, parse::run, setting);
    assertTrue(refused.getMessage().contains(setting), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
  }

  private static void assertExit2(Map<String, String> environment, String named) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                "io.showfloor.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JWT_SECRET", "x".repeat(40));
    builder
        .environment()
        .put("DATA_DIR", Path.of("target", "test-data", "tls-exit").toAbsolutePath().toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program should stop by itself");
    assertEquals(2, process.exitValue(), output);
    List<String> lines = output.lines().filter(l -> l.startsWith("showfloor: ")).toList();
    assertEquals(1, lines.size(), output);
    assertTrue(lines.get(0).contains(named), output);
  }
}
