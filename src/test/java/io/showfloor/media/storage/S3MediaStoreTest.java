package io.showfloor.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The S3 adapter against a fake S3 endpoint started here (path-style PUT and GET on one bucket),
 * which recomputes every request's AWS Signature Version 4 with the shared secret and answers 403
 * SignatureDoesNotMatch when it differs, as S3 does. No real object store is reachable from CI.
 */
@DisplayName("Media on S3-compatible storage")
class S3MediaStoreTest {
  private static final String KEY_ID = "AKIDTESTMEDIA";
  private static final String SECRET = "test-secret-key-for-media-store";
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, String> cacheControl = new ConcurrentHashMap<>();
  private final List<String> refused = new ArrayList<>();
  private HttpServer server;
  private Vertx vertx;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    vertx.close().await();
  }

  private S3MediaStore store(String secret) {
    return new S3MediaStore(
        vertx,
        new S3MediaStore.Settings(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "eu-west-1",
            "showfloor-media",
            "uploads/",
            KEY_ID,
            secret,
            true));
  }

  @Test
  @DisplayName(
      "a file is put with a valid signature and its cache lifetime, read back, and a missing one is null")
  void putAndGet() {
    S3MediaStore store = store(SECRET);
    byte[] bytes = "not really a jpeg, but bytes".getBytes(StandardCharsets.UTF_8);
    String key = "a".repeat(64) + ".jpg";
    store.put(key, bytes, "image/jpeg").await();
    assertTrue(refused.isEmpty(), "signatures checked: " + refused);
    assertArrayEquals(bytes, objects.get("/showfloor-media/uploads/" + key));
    assertEquals(
        "public, max-age=31536000, immutable", cacheControl.get("/showfloor-media/uploads/" + key));
    assertArrayEquals(bytes, store.get(key).await().getBytes());
    assertNull(store.get("b".repeat(64) + ".png").await());
    assertTrue(refused.isEmpty(), "signatures checked: " + refused);
    store.close();
  }

  @Test
  @DisplayName("a wrong secret is refused by the store's signature check")
  void wrongSecret() {
    S3MediaStore store = store("not-the-secret");
    String key = "c".repeat(64) + ".png";
    try {
      store.put(key, new byte[] {1, 2, 3}, "image/png").await();
      throw new AssertionError("the put should have failed");
    } catch (RuntimeException expected) {
      assertTrue(
          String.valueOf(expected.getMessage()).contains("403") || !refused.isEmpty(),
          expected.toString());
    }
    assertTrue(objects.isEmpty());
    store.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    String problem = signatureProblem(exchange, raw);
    byte[] body = raw;
    if (problem == null
        && STREAMING.equals(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"))) {
      try {
        body = unchunk(exchange, raw);
      } catch (Exception e) {
        problem = "chunk: " + e.getMessage();
      }
    }
    if (problem != null) {
      refused.add(problem);
      send(
          exchange,
          403,
          "<Error><Code>SignatureDoesNotMatch</Code><Message>" + problem + "</Message></Error>");
      return;
    }
    switch (exchange.getRequestMethod()) {
      case "PUT" -> {
        objects.put(path, body);
        cacheControl.put(
            path, String.valueOf(exchange.getRequestHeaders().getFirst("Cache-Control")));
        exchange.getResponseHeaders().add("ETag", "\"etag\"");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      }
      case "GET" -> {
        byte[] stored = objects.get(path);
        if (stored == null) {
          send(exchange, 404, "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>");
        } else {
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          exchange.sendResponseHeaders(200, stored.length);
          exchange.getResponseBody().write(stored);
          exchange.close();
        }
      }
      default -> send(exchange, 405, "<Error><Code>MethodNotAllowed</Code></Error>");
    }
  }

  private static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static final String STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

  /**
   * An aws-chunked body (the SDK streams PUTs over plain http so): each chunk's signature chains
   * from the previous one, starting at the request's; checked as S3 does, and the data returned.
   */
  private static byte[] unchunk(HttpExchange exchange, byte[] raw) throws Exception {
    Matcher auth = AUTH.matcher(exchange.getRequestHeaders().getFirst("Authorization"));
    if (!auth.matches()) {
      throw new IllegalStateException("no authorization");
    }
    String date = auth.group(2);
    String scope = date + "/eu-west-1/s3/aws4_request";
    String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
    byte[] key = signingKey(date);
    String previous = auth.group(5);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOf(raw, at);
      String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.substring(0, header.indexOf(';')), 16);
      String signature = header.substring(header.indexOf("chunk-signature=") + 16);
      byte[] chunk = java.util.Arrays.copyOfRange(raw, lineEnd + 2, lineEnd + 2 + size);
      String toSign =
          "AWS4-HMAC-SHA256-PAYLOAD\n"
              + amzDate
              + "\n"
              + scope
              + "\n"
              + previous
              + "\n"
              + hex(sha256(new byte[0]))
              + "\n"
              + hex(sha256(chunk));
      if (!hex(hmac(key, toSign)).equals(signature)) {
        throw new IllegalStateException("chunk signature differs");
      }
      previous = signature;
      data.writeBytes(chunk);
      at = lineEnd + 2 + size + 2;
      if (size == 0) {
        return data.toByteArray();
      }
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no chunk header");
  }

  private static byte[] signingKey(String date) throws Exception {
    byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, "eu-west-1");
    key = hmac(key, "s3");
    return hmac(key, "aws4_request");
  }

  /** SigV4 recomputed from the request as received; null when it matches. */
  private static String signatureProblem(HttpExchange exchange, byte[] body) {
    try {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher auth = authorization == null ? null : AUTH.matcher(authorization);
      if (auth == null || !auth.matches()) {
        return "no SigV4 Authorization: " + authorization;
      }
      if (!KEY_ID.equals(auth.group(1)) || !"eu-west-1".equals(auth.group(3))) {
        return "wrong credential scope " + authorization;
      }
      String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
      if (!STREAMING.equals(payloadHash)
          && !"UNSIGNED-PAYLOAD".equals(payloadHash)
          && !hex(sha256(body)).equals(payloadHash)) {
        return "payload hash " + payloadHash + " is not the body's";
      }
      String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
      StringBuilder canonical =
          new StringBuilder(exchange.getRequestMethod())
              .append('\n')
              .append(exchange.getRequestURI().getRawPath())
              .append('\n')
              .append(
                  exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : exchange.getRequestURI().getRawQuery())
              .append('\n');
      for (String header : auth.group(4).split(";")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        canonical.append(header).append(':').append(value == null ? "" : value.trim()).append('\n');
      }
      canonical.append('\n').append(auth.group(4)).append('\n').append(payloadHash);
      String scope = auth.group(2) + "/eu-west-1/s3/aws4_request";
      String toSign =
          "AWS4-HMAC-SHA256\n"
              + amzDate
              + "\n"
              + scope
              + "\n"
              + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
      String expected = hex(hmac(signingKey(auth.group(2)), toSign));
      return expected.equals(auth.group(5)) ? null : "signature differs";
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
