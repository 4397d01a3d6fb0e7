package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account requests that do not match the contract get a 4xx problem, never a 500")
class RequestValidationTest {
  private final Api api = TestNode.api().fromNewAddress();

  @Test
  @DisplayName("malformed JSON is a 400 validation_failed")
  void malformedJson() {
    for (String path :
        new String[] {
          "/api/auth/signup", "/api/auth/login", "/api/auth/refresh", "/api/auth/verify"
        }) {
      api.send("POST", path, "{\"email\": \"a@b.c\", ", "application/json")
          .expectProblem(400, "validation_failed");
    }
  }

  @Test
  @DisplayName("a field of the wrong type is a 400 validation_failed")
  void wrongTypes() {
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", 42)
                .put("password", People.PASSWORD)
                .put("displayName", "X"))
        .expectProblem(400, "validation_failed");
    api.post(
            "/api/auth/login",
            new JsonObject().put("email", "a@example.test").put("password", true))
        .expectProblem(400, "validation_failed");
    api.post("/api/auth/refresh", new JsonObject().put("refreshToken", new JsonObject()))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a missing field is a 400 validation_failed")
  void missingFields() {
    api.post(
            "/api/auth/signup",
            new JsonObject().put("email", "a@example.test").put("password", People.PASSWORD))
        .expectProblem(400, "validation_failed");
    api.post("/api/auth/login", new JsonObject().put("email", "a@example.test"))
        .expectProblem(400, "validation_failed");
    api.post("/api/auth/password/reset", new JsonObject().put("token", "t"))
        .expectProblem(400, "validation_failed");
    assertProblem(api.post("/api/auth/verify"), 400);
  }

  @Test
  @DisplayName("an unknown field is a 400 validation_failed, so nobody can sign up with roles")
  void unknownFields() {
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "x" + System.nanoTime() + "@example.test")
                .put("password", People.PASSWORD)
                .put("displayName", "Sneaky")
                .put("roles", new io.vertx.core.json.JsonArray().add("admin")))
        .expectProblem(400, "validation_failed");
    api.post(
            "/api/auth/password/forgot",
            new JsonObject().put("email", "a@example.test").put("extra", 1))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("strings beyond their bounds are a 400 validation_failed")
  void bounds() {
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "a@example.test")
                .put("password", People.PASSWORD)
                .put("displayName", "n".repeat(61)))
        .expectProblem(400, "validation_failed");
    api.post(
            "/api/auth/login",
            new JsonObject().put("email", "a@example.test").put("password", "p".repeat(129)))
        .expectProblem(400, "validation_failed");
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", "a@example.test")
                .put("password", People.PASSWORD)
                .put("displayName", ""))
        .expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("a body over the limit is a 413 payload_too_large")
  void oversizeBody() {
    String huge =
        new JsonObject()
            .put("email", "a@example.test")
            .put("password", "x".repeat(1_100_000))
            .encode();
    api.send("POST", "/api/auth/login", huge, "application/json")
        .expectProblem(413, "payload_too_large");
  }

  @Test
  @DisplayName("bad path and query parameters are a 400")
  void badParameters() {
    Users.TestUser admin = Users.create("admin");
    assertProblem(admin.api().delete("/api/me/api-keys/not-a-number"), 400);
    admin.api().get("/api/admin/users?limit=0").expectProblem(400, "validation_failed");
    admin.api().get("/api/admin/users?role=emperor").expectProblem(400, "validation_failed");
    assertProblem(admin.api().delete("/api/admin/users/1/roles/viewer"), 400);
  }

  private static void assertProblem(Api.Response r, int status) {
    assertEquals(status, r.status(), r.call() + ": " + r.body());
    assertTrue(
        String.valueOf(r.header("Content-Type")).startsWith("application/problem+json"), r.call());
    assertEquals(status, r.json().getInteger("status"));
  }
}
