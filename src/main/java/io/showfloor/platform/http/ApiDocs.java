package io.showfloor.platform.http;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The streaming protocol (WebSocket and Server-Sent Events) as an AsyncAPI document, served beside
 * the REST contract: /docs (the web app's reference page) links both.
 */
final class ApiDocs {
  static final String ASYNCAPI_PATH = "/docs/asyncapi.yaml";

  private ApiDocs() {}

  static void mount(Router router) {
    String asyncApi = resource("asyncapi.yaml");
    router
        .get(ASYNCAPI_PATH)
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/yaml")
                    .putHeader("Cache-Control", "no-cache")
                    .end(asyncApi));
  }

  private static String resource(String name) {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + name + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + name, e);
    }
  }
}
