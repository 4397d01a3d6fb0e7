package io.showfloor.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.MDC;

/** Gives every request an id (or keeps the caller's X-Request-Id) for logs and problems. */
public final class RequestIds {
  public static final String KEY = "requestId";
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {}

  public static void assign(RoutingContext rc) {
    String id = rc.request().getHeader(HEADER);
    if (id == null || id.isBlank() || id.length() > 100) {
      id = UUID.randomUUID().toString();
    }
    rc.put(KEY, id);
    rc.response().putHeader(HEADER, id);
    MDC.put(KEY, id);
    rc.addEndHandler(v -> MDC.remove(KEY));
    rc.next();
  }
}
