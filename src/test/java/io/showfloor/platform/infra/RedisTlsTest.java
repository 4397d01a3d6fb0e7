package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestCertificates;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * rediss:// end to end on the client side. The embedded Redis is built without TLS, so a TLS
 * terminator made here (certificate for "localhost" from a test CA) forwards to it, as a managed
 * Redis's TLS endpoint would; what is proved is that our client speaks TLS and checks the
 * certificate.
 */
@DisplayName("rediss:// connects over TLS and checks the server's certificate")
class RedisTlsTest {
  private static Vertx vertx;
  private static NetServer terminator;
  private static NetClient upstream;
  private static TestCertificates.Server certs;
  private static Path wrongCa;

  @BeforeAll
  static void startTerminator() {
    Path dir = Path.of("target", "test-data", "tls-redis").toAbsolutePath();
    certs = TestCertificates.server(dir.resolve("certs"), "DNS:localhost");
    wrongCa = TestCertificates.authority(dir.resolve("other-ca"));
    URI redis = URI.create(TestNode.get().platform().settings().string("redis.url", null));
    vertx = Vertx.vertx();
    upstream = vertx.createNetClient();
    terminator =
        vertx
            .createNetServer(
                new NetServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(certs.cert().toString())
                            .setKeyPath(certs.key().toString())))
            .connectHandler(
                client -> {
                  client.pause();
                  upstream
                      .connect(redis.getPort(), redis.getHost())
                      .onComplete(
                          connected -> {
                            if (connected.failed()) {
                              client.close();
                              return;
                            }
                            client.pipeTo(connected.result());
                            connected.result().pipeTo(client);
                            client.resume();
                          });
                })
            .listen()
            .await();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static RedisStore store(
      String scheme, String host, @org.jspecify.annotations.Nullable Path ca) {
    return new RedisStore(
        vertx,
        RedisUrl.parse(
            scheme + "://" + host + ":" + terminator.actualPort(),
            ca == null ? null : ca.toString()));
  }

  @Test
  @DisplayName("with the CA that signed the certificate, PING and SET/GET work through TLS")
  void rightCa() {
    RedisStore redis = store("rediss", "localhost", certs.caCert());
    try {
      redis.ping().await();
      redis.api().set(List.of("tls:probe", "over-tls")).await();
      assertTrue(redis.api().get("tls:probe").await().toString().equals("over-tls"));
    } finally {
      redis.close();
    }
  }

  @Test
  @DisplayName(
      "a CA that did not sign it, a host name it does not name, or no CA setting (the JVM's CAs do not know the test CA) all fail")
  void refusals() {
    for (RedisStore redis :
        List.of(
            store("rediss", "localhost", wrongCa),
            store("rediss", "127.0.0.1", certs.caCert()),
            store("rediss", "localhost", null))) {
      try {
        assertThrows(Exception.class, () -> redis.ping().await());
      } finally {
        redis.close();
      }
    }
  }
}
