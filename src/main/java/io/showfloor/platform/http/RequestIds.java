package io.showfloor.platform.http;

import io.showfloor.platform.logging.LogContext;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id (or keeps the caller's X-Request-Id) for logs and problems. */
public final class RequestIds {
  public static final String KEY = LogContext.REQUEST_ID_KEY;
  public static final String HEADER = "X-Request-Id";
  // the id is echoed in headers and logs: keep a caller's id only when it is plainly an id
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private RequestIds() {}

  public static void assign(RoutingContext rc) {
    String id = rc.request().getHeader(HEADER);
    if (id == null || !SAFE.matcher(id).matches()) {
      id = UUID.randomUUID().toString();
    }
    rc.put(KEY, id);
    rc.response().putHeader(HEADER, id);
    LogContext.bindRequestId(id);
    rc.next();
  }
}
