package io.showfloor.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * The scope an API key needs for an operation. The contract may say so with {@code x-key-scope}
 * ({@code read}, {@code trade}, {@code funds}, or {@code none}: no key at all, a signed-in person
 * only); otherwise admin paths take no key, reads need {@code read} and every other call {@code
 * trade}.
 */
final class KeyScope {
  static final String NONE = "none";
  private static final String EXTENSION = "x-key-scope";
  private static final Set<String> KNOWN = Set.of("read", "trade", "funds", NONE);

  private KeyScope() {}

  static String of(Operation operation) {
    Object declared = operation.getExtensions().get(EXTENSION);
    if (declared != null) {
      if (!KNOWN.contains(declared.toString())) {
        throw new IllegalStateException(
            operation.getOperationId() + " has an unknown " + EXTENSION + ": " + declared);
      }
      return declared.toString();
    }
    if (operation.getOpenAPIPath().startsWith("/api/admin/")) {
      return NONE;
    }
    HttpMethod method = operation.getHttpMethod();
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? "read" : "trade";
  }
}
