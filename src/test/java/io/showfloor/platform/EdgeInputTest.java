package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Text the database cannot store is refused at the edge, costly input is refused cheaply, HEAD works")
class EdgeInputTest {
  private static final String NUL = "a\u0000b";
  private static final String LONE_SURROGATE = "a\uD83Db";

  /**
   * The JSON text of {@code body} with every surrogate written as a \\u escape: Java's HTTP client
   * would otherwise send a lone surrogate as '?', and the server would never see it.
   */
  private static String escaped(JsonObject body) {
    StringBuilder out = new StringBuilder();
    for (char c : body.encode().toCharArray()) {
      if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Api.Response post(TestUser user, String path, JsonObject body) {
    return user.api().send("POST", path, escaped(body), "application/json");
  }

  private static long count(String sql, Object... params) {
    return TestNode.get().platform().db().one(sql, Tuple.from(params)).await().getLong(0);
  }

  private static long createShow(TestUser host, String title) {
    JsonObject body =
        new JsonObject()
            .put("title", title)
            .put("description", "Rare finds")
            .put("category", "sneakers")
            .put(
                "scheduledAt",
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
    return host.api().post("/api/shows", body).expect(201).json().getLong("id");
  }

  @Test
  @DisplayName(
      "a NUL or a lone surrogate in a JSON body field answers 400 validation_failed and stores nothing")
  void nulAndSurrogateInBody() {
    TestUser seller = Users.create("seller", "creator");
    for (String bad : new String[] {NUL, LONE_SURROGATE, "\uDC00"}) {
      JsonObject product =
          new JsonObject()
              .put("title", bad)
              .put("category", "collectibles")
              .put("priceCents", 1000)
              .put("quantity", 1);
      post(seller, "/api/products", product).expectProblem(400, "validation_failed");
      JsonObject show =
          new JsonObject()
              .put("title", "Fine")
              .put("description", bad)
              .put("category", "sneakers")
              .put(
                  "scheduledAt",
                  Instant.now()
                      .plus(1, ChronoUnit.HOURS)
                      .truncatedTo(ChronoUnit.SECONDS)
                      .toString());
      post(seller, "/api/shows", show).expectProblem(400, "validation_failed");
      post(seller, "/api/me/api-keys", new JsonObject().put("name", bad))
          .expectProblem(400, "validation_failed");
    }
    // a property name is text too
    seller
        .api()
        .post("/api/me/api-keys", new JsonObject().put("na\u0000me", "x"))
        .expectProblem(400, "validation_failed");
    assertEquals(0, count("SELECT count(*) FROM products WHERE seller_id = $1", seller.id()));
    assertEquals(0, count("SELECT count(*) FROM shows WHERE host_id = $1", seller.id()));
    assertEquals(0, count("SELECT count(*) FROM api_keys WHERE user_id = $1", seller.id()));

    // the same requests with plain text and a real emoji (a surrogate pair) go through
    Products.create(seller, new JsonObject().put("title", "Sneaker \uD83D\uDC5F"));
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM products WHERE seller_id = $1 AND title = $2",
            seller.id(),
            "Sneaker \uD83D\uDC5F"));
  }

  @Test
  @DisplayName(
      "a NUL or a lone surrogate in chat answers 400 validation_failed over HTTP and an error frame over the socket")
  void chat() {
    TestUser host = Users.create("creator");
    long showId = createShow(host, "Chatty");
    host.api().post("/api/shows/" + showId + "/start").expect(200);
    host.api()
        .post("/api/shows/" + showId + "/chat", new JsonObject().put("text", NUL))
        .expectProblem(400, "validation_failed");
    post(host, "/api/shows/" + showId + "/chat", new JsonObject().put("text", LONE_SURROGATE))
        .expectProblem(400, "validation_failed");
    try (TestSocket ws = TestSocket.open(TestNode.get().port())) {
      ws.auth(host.accessToken());
      ws.send(
          new JsonObject().put("op", "chat").put("showId", showId).put("text", NUL).put("ref", 1));
      assertEquals(1, ws.expectError("validation_failed").getInteger("ref"));
      ws.sendText("{\"op\":\"chat\",\"showId\":" + showId + ",\"text\":\"x\\ud800y\",\"ref\":2}");
      assertEquals(2, ws.expectError("validation_failed").getInteger("ref"));
    }
    assertEquals(0, count("SELECT count(*) FROM chat_messages WHERE show_id = $1", showId));
  }

  @Test
  @DisplayName(
      "a NUL in a query or a path parameter answers 400 validation_failed, in a header 400")
  void nulOutsideTheBody() {
    TestUser seller = Users.create("seller");
    seller.api().get("/api/products?q=a%00b").expectProblem(400, "validation_failed");
    seller.api().get("/api/market/instruments/AB%00C").expectProblem(400, "validation_failed");
    // Java's HTTP client will not send a NUL in a header; a raw request will. The HTTP codec
    // refuses it
    // (a bare 400, before any route runs), so it can never reach the database.
    String raw =
        rawRequest(
            "POST /api/me/api-keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + seller.accessToken()
                + "\r\nIdempotency-Key: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n"
                + "{\"name\":\"k\"}");
    assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
    assertEquals(0, count("SELECT count(*) FROM api_keys WHERE user_id = $1", seller.id()));
  }

  @Test
  @DisplayName(
      "10,000 lot ids in a reorder are refused with 400 in well under a second (maxItems before uniqueItems); 20,000 exceed the body limit")
  void hugeArrayIsCheap() {
    TestUser host = Users.create("creator");
    long showId = createShow(host, "Many lots");
    String path = "/api/shows/" + showId + "/lots/order";
    long start = System.nanoTime();
    JsonObject problem =
        host.api().put(path, lotIds(10_000)).expectProblem(400, "validation_failed");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(problem.getString("detail").contains("at most 500 items"), problem.encode());
    start = System.nanoTime();
    host.api().put(path, lotIds(20_000)).expectProblem(413, "payload_too_large");
    long bigMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "PUT lots/order: 10,000 ids answered 400 in "
            + millis
            + " ms, 20,000 ids 413 in "
            + bigMillis
            + " ms");
    assertTrue(millis < 1000, "10,000 ids took " + millis + " ms");
    assertTrue(bigMillis < 1000, "20,000 ids took " + bigMillis + " ms");
  }

  @Test
  @DisplayName(
      "maxItems of a schema the operation refers to ($ref) is checked before the validator too")
  void boundsThroughReferences() {
    TestUser admin = Users.create("admin");
    JsonArray words = new JsonArray();
    for (int i = 0; i <= 2000; i++) {
      words.add("w" + i);
    }
    JsonObject problem =
        admin
            .api()
            .put("/api/admin/chat/blocked-words", new JsonObject().put("words", words))
            .expectProblem(400, "validation_failed");
    // the screen's wording, not the validator's: the bound was found through the $ref
    assertTrue(
        problem.getString("detail").contains("must have at most 2000 items"), problem.encode());
  }

  private static JsonObject lotIds(int n) {
    JsonArray ids = new JsonArray();
    LongStream.rangeClosed(1, n).forEach(ids::add);
    return new JsonObject().put("lotIds", ids);
  }

  @Test
  @DisplayName("HEAD on a GET route answers like GET without a body")
  void head() {
    Api api = TestNode.api();
    Api.Response get = api.get("/api/shows?limit=1").expect(200);
    Api.Response head = api.send("HEAD", "/api/shows?limit=1", null, null).expect(200);
    assertEquals("", head.body());
    assertEquals(get.header("Content-Type"), head.header("Content-Type"));
    api.send("HEAD", "/health/live", null, null).expect(200);
    api.send("HEAD", "/openapi.yaml", null, null).expect(200);
    // HEAD on a route with no GET is still refused, and a refusal has no body either
    assertEquals(405, api.send("HEAD", "/api/auth/login", null, null).status());
    assertEquals(404, api.send("HEAD", "/api/nothing-here", null, null).status());
  }

  private static String rawRequest(String request) {
    try (Socket socket = new Socket("127.0.0.1", TestNode.get().port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
