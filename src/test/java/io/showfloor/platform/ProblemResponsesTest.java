package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every error is application/problem+json with a stable code")
class ProblemResponsesTest {
  private final Api api = TestNode.api();

  @Test
  @DisplayName("an unknown route answers 404 not_found")
  void unknownRoute() {
    api.get("/api/nothing-here").expectProblem(404, "not_found");
  }

  @Test
  @DisplayName("a wrong method answers 405 method_not_allowed")
  void wrongMethod() {
    api.post("/api/me").expectProblem(405, "method_not_allowed");
  }

  @Test
  @DisplayName("a call that needs a user answers 401 without credentials and with a bad token")
  void unauthenticated() {
    api.get("/api/me").expectProblem(401, "unauthorized");
    api.as("not-a-token").get("/api/me").expectProblem(401, "invalid_token");
  }

  @Test
  @DisplayName("the merged contract is served at /openapi.yaml")
  void contractServed() {
    String yaml = api.get("/openapi.yaml").expect(200).body();
    assertTrue(yaml.contains("/api/me"), yaml);
  }

  @Test
  @DisplayName("health and metrics answer")
  void operations() {
    assertEquals("UP", api.get("/health/ready").expect(200).json().getString("status"));
    assertTrue(api.get("/metrics").expect(200).body().contains("jvm_memory_used_bytes"));
  }
}
