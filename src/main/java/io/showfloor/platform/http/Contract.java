package io.showfloor.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI contract. {@code openapi.yaml} holds the document head and shared components; each
 * domain keeps its paths and schemas in {@code openapi/<domain>.yaml} so domains can grow without
 * touching one another. They are merged here into the one contract that validates every request and
 * is served whole at /openapi.yaml.
 */
public final class Contract {
  /** Domain fragments, in the order they are merged; a missing one is skipped. */
  static final List<String> FRAGMENTS =
      List.of(
          "ops",
          "account",
          "realtime",
          "notify",
          "media",
          "show",
          "auction",
          "commerce",
          "payouts",
          "analytics",
          "ledger",
          "market",
          "moderation",
          "returns",
          "insight",
          "search",
          "tournament",
          "subscription");

  private final JsonObject document;
  private final String yaml;

  private Contract(JsonObject document) {
    this.document = document;
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    // JSON is YAML: reloading the encoded document yields plain maps that dump without type tags
    this.yaml = new Yaml(options).dump(new Yaml().load(document.encode()));
  }

  public static Contract load() {
    JsonObject root = read("openapi.yaml");
    JsonObject paths = root.getJsonObject("paths", new JsonObject());
    JsonObject components = root.getJsonObject("components", new JsonObject());
    for (String name : FRAGMENTS) {
      JsonObject fragment = readOptional("openapi/" + name + ".yaml");
      if (fragment == null) {
        continue;
      }
      fragment
          .getJsonObject("paths", new JsonObject())
          .forEach(
              e -> {
                if (paths.containsKey(e.getKey())) {
                  throw new IllegalStateException(
                      "Path " + e.getKey() + " is defined twice (" + name + ".yaml)");
                }
                paths.put(e.getKey(), e.getValue());
              });
      JsonObject fragmentComponents = fragment.getJsonObject("components", new JsonObject());
      for (String kind : fragmentComponents.fieldNames()) {
        JsonObject target = components.getJsonObject(kind);
        if (target == null) {
          target = new JsonObject();
          components.put(kind, target);
        }
        target.mergeIn(fragmentComponents.getJsonObject(kind));
      }
    }
    root.put("paths", paths).put("components", components);
    return new Contract(root);
  }

  public JsonObject document() {
    return document;
  }

  public String yaml() {
    return yaml;
  }

  /** Media types vertx-openapi 5.0 accepts in a response; it refuses a contract with any other. */
  private static final Set<String> ROUTABLE_MEDIA_TYPES =
      Set.of(
          "application/json",
          "application/json; charset=utf-8",
          "multipart/form-data",
          "application/hal+json",
          "application/octet-stream",
          "text/plain",
          "text/plain; charset=utf-8");

  /**
   * The contract the router validates with. Operation {@code security} entries are left out of it:
   * they document who may call, but authentication is done by {@link ApiRequest#user()} so that
   * anonymous-friendly operations and API keys share one path. So are response media types the
   * validator does not know (text/event-stream): responses are not validated, the served contract
   * keeps them.
   */
  public Future<OpenAPIContract> resolve(Vertx vertx) {
    JsonObject routed = document.copy();
    routed
        .getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        op -> {
                          if (op.getValue() instanceof JsonObject operation) {
                            operation.remove("security");
                            withoutUnroutableMedia(operation);
                          }
                        }));
    return OpenAPIContract.from(vertx, routed);
  }

  private static void withoutUnroutableMedia(JsonObject operation) {
    JsonObject responses = operation.getJsonObject("responses", new JsonObject());
    for (String status : responses.fieldNames()) {
      if (responses.getValue(status) instanceof JsonObject response
          && response.getValue("content") instanceof JsonObject content) {
        content.fieldNames().removeIf(type -> !ROUTABLE_MEDIA_TYPES.contains(type));
        if (content.isEmpty()) {
          response.remove("content");
        }
      }
    }
  }

  private static JsonObject read(String resource) {
    JsonObject json = readOptional(resource);
    if (json == null) {
      throw new IllegalStateException("Missing " + resource + " on the classpath");
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable JsonObject readOptional(String resource) {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Object parsed = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new JsonObject((Map<String, Object>) parsed);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }
}
