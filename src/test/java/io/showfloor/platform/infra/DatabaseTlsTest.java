package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.showfloor.testing.TestCertificates;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TLS to PostgreSQL against a real server: an embedded PostgreSQL started with ssl=on and a
 * certificate for "localhost" signed by a CA made here with openssl. Both clients are checked, the
 * reactive pool the node serves from and the JDBC URL Flyway migrates through, by asking the server
 * itself whether the session is encrypted (pg_stat_ssl).
 */
@DisplayName("TLS to PostgreSQL: sslmode and the CA file apply to the pool and to Flyway alike")
class DatabaseTlsTest {
  private static final String ENCRYPTED =
      "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
  private static EmbeddedPostgres server;
  private static TestCertificates.Server certs;
  private static Path wrongCa;
  private static Vertx vertx;

  @BeforeAll
  static void startTlsServer() throws Exception {
    Path dir = Path.of("target", "test-data", "tls-postgres").toAbsolutePath();
    certs = TestCertificates.server(dir.resolve("certs"), "DNS:localhost");
    wrongCa = TestCertificates.authority(dir.resolve("other-ca"));
    TestNode.deleteRecursively(dir.resolve("data"));
    server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("data"))
            .setPort(TestNode.freePort())
            .setServerConfig("unix_socket_directories", "")
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certs.cert().toString())
            .setServerConfig("ssl_key_file", certs.key().toString())
            .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String url(String host, String sslmode) {
    return "postgresql://postgres:postgres@"
        + host
        + ":"
        + server.getPort()
        + "/postgres?sslmode="
        + sslmode;
  }

  @Test
  @DisplayName("sslmode=require encrypts both connections without checking the certificate")
  void require() throws Exception {
    DatabaseUrl url = DatabaseUrl.parse(url("127.0.0.1", "require"), null);
    assertTrue(encryptedThroughPool(url));
    assertTrue(encryptedThroughJdbc(url));
  }

  @Test
  @DisplayName(
      "sslmode=verify-full with the CA that signed the server's certificate connects, and Flyway migrates over it")
  void verifyFullWithTheRightCa() throws Exception {
    DatabaseUrl url = DatabaseUrl.parse(url("localhost", "verify-full"), certs.caCert().toString());
    assertTrue(encryptedThroughPool(url));
    assertTrue(encryptedThroughJdbc(url));
    Migrations.run(url);
    try (Connection jdbc = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        ResultSet rows =
            jdbc.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history")) {
      assertTrue(rows.next() && rows.getLong(1) > 10, "the migrations ran over TLS");
    }
  }

  @Test
  @DisplayName("?sslrootcert= in the URL works like database.sslRootCert")
  void rootCertInTheUrl() throws Exception {
    DatabaseUrl url =
        DatabaseUrl.parse(url("localhost", "verify-full") + "&sslrootcert=" + certs.caCert(), null);
    assertEquals(certs.caCert(), url.rootCert());
    assertTrue(encryptedThroughPool(url));
  }

  @Test
  @DisplayName(
      "verify-full refuses a certificate that does not name the host; verify-ca accepts it")
  void hostNameChecks() throws Exception {
    DatabaseUrl full =
        DatabaseUrl.parse(url("127.0.0.1", "verify-full"), certs.caCert().toString());
    assertThrows(Exception.class, () -> encryptedThroughPool(full));
    assertThrows(Exception.class, () -> encryptedThroughJdbc(full));
    DatabaseUrl ca = DatabaseUrl.parse(url("127.0.0.1", "verify-ca"), certs.caCert().toString());
    assertTrue(encryptedThroughPool(ca));
    assertTrue(encryptedThroughJdbc(ca));
  }

  @Test
  @DisplayName(
      "verify-full with a CA that did not sign the server's certificate stops start-up with one line naming the setting")
  void wrongCaStopsStartUp() {
    Settings settings =
        TestNode.settings(Path.of("target", "test-data", "tls-wrong-ca"), true)
            .with("database.url", url("localhost", "verify-full"))
            .with("database.sslRootCert", wrongCa.toString())
            .with("redis.url", TestNode.get().platform().settings().string("redis.url", null))
            .with("jwt.secret", "x".repeat(40));
    ConfigException refused =
        assertThrows(ConfigException.class, () -> Showfloor.start(settings).stop());
    String line = refused.getMessage();
    System.out.println("start-up refused: " + line);
    assertFalse(line.contains("\n"), line);
    assertTrue(
        line.contains("database.sslRootCert (DATABASE_SSL_ROOT_CERT)")
            && line.contains("verify-full"),
        line);
  }

  @Test
  @DisplayName(
      "sslmode=require against a server without TLS stops start-up in one line naming database.url")
  void requireWithoutServerTls() {
    String plain = TestNode.get().platform().settings().string("database.url", null);
    DatabaseUrl url = DatabaseUrl.parse(plain + "?sslmode=require", null);
    ConfigException refused = assertThrows(ConfigException.class, () -> Migrations.run(url));
    assertTrue(refused.getMessage().contains("database.url (DATABASE_URL)"), refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"));
  }

  private static boolean encryptedThroughPool(DatabaseUrl url) {
    Database db = new Database(vertx, url, 1);
    try {
      return db.one(ENCRYPTED, Tuple.tuple()).await().getBoolean("ssl");
    } finally {
      db.close().await();
    }
  }

  private static boolean encryptedThroughJdbc(DatabaseUrl url) throws Exception {
    try (Connection jdbc = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        ResultSet rows = jdbc.createStatement().executeQuery(ENCRYPTED)) {
      return rows.next() && rows.getBoolean(1);
    }
  }
}
