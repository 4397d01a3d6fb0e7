package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.http.Contract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract's operations of one tag, for bad-input tests that must reach every endpoint a domain
 * adds.
 */
public final class ContractOperations {
  private ContractOperations() {}

  public record Operation(String method, String path, boolean hasBody) {}

  public static List<Operation> tagged(String tag) {
    JsonObject paths = Contract.load().document().getJsonObject("paths");
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : paths) {
      for (Map.Entry<String, Object> op : (JsonObject) path.getValue()) {
        if (op.getValue() instanceof JsonObject operation
            && operation.getJsonArray("tags", new JsonArray()).contains(tag)) {
          operations.add(
              new Operation(
                  op.getKey().toUpperCase(), path.getKey(), operation.containsKey("requestBody")));
        }
      }
    }
    return operations;
  }

  /**
   * The contract as the node serves it at /openapi.yaml (the merged document every request is
   * validated against).
   */
  @SuppressWarnings("unchecked")
  public static JsonObject served() {
    String yaml = TestNode.api().get("/openapi.yaml").expect(200).body();
    return new JsonObject((Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(yaml));
  }

  /** A 4xx application/problem+json answer with a code. */
  public static void expectProblem(Api.Response response) {
    assertTrue(
        response.status() >= 400 && response.status() < 500,
        response.call() + " answered " + response.status() + ": " + response.body());
    assertTrue(
        String.valueOf(response.header("Content-Type")).startsWith("application/problem+json"),
        response.call() + " is not problem+json: " + response.header("Content-Type"));
    assertTrue(response.json().getString("code") != null, response.call() + " has no code");
  }
}
