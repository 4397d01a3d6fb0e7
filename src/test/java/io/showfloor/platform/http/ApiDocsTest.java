package io.showfloor.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName(
    "API docs: the AsyncAPI document beside the contract, and the contract the types come from")
class ApiDocsTest {

  @Test
  @DisplayName(
      "/docs/asyncapi.yaml describes /ws and /api/stream, and every reference in it resolves")
  @SuppressWarnings("unchecked")
  void asyncApi() {
    var answer = TestNode.api().get("/docs/asyncapi.yaml").expect(200);
    assertEquals("application/yaml", answer.header("Content-Type"));
    Map<String, Object> doc = new Yaml().load(answer.body());
    assertEquals("3.0.0", doc.get("asyncapi"));
    Map<String, Map<String, Object>> channels =
        (Map<String, Map<String, Object>>) doc.get("channels");
    assertEquals("/ws", channels.get("socket").get("address"));
    assertEquals("/api/stream", channels.get("stream").get("address"));
    Map<String, Object> messages =
        (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
    assertTrue(
        messages
            .keySet()
            .containsAll(List.of("Snapshot", "TopicEvent", "Resync", "Error", "Subscribe", "Auth")),
        messages.keySet().toString());
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertTrue(refs.size() > 30, "refs: " + refs.size());
    for (String ref : refs) {
      assertNotNull(resolve(doc, ref), "unresolved " + ref);
    }
  }

  @Test
  @DisplayName(
      "every contract fragment on disk is merged by Contract (the web app's types read them all)")
  void everyFragmentIsListed() throws IOException {
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/openapi"))) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .forEach(n -> onDisk.add(n.substring(0, n.length() - ".yaml".length())));
    }
    assertTrue(onDisk.size() > 5, onDisk.toString());
    assertTrue(
        Contract.FRAGMENTS.containsAll(onDisk), "fragments not in Contract.FRAGMENTS: " + onDisk);
  }

  @SuppressWarnings("unchecked")
  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("$ref".equals(key)) {
              refs.add((String) value);
            } else {
              collectRefs(value, refs);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectRefs(item, refs));
    }
  }

  @SuppressWarnings("unchecked")
  private static Object resolve(Map<String, Object> doc, String ref) {
    Object node = doc;
    for (String part : ref.substring(2).split("/")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(part);
    }
    return node;
  }
}
