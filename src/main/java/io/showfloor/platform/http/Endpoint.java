package io.showfloor.platform.http;

import io.vertx.core.Future;

/**
 * One operation of the API contract: reads the request, returns the reply or fails with an {@link
 * ApiError}.
 */
@FunctionalInterface
public interface Endpoint {
  Future<Reply> handle(ApiRequest request);
}
