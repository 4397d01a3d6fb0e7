package io.showfloor.platform.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request when its response has been sent: method, path (never the query, which may
 * carry tokens), status and duration, with the request id like every line of the request. Health
 * checks and metric scrapes log at debug so they do not drown the rest.
 */
final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("http.access");

  private AccessLog() {}

  static void handle(RoutingContext rc) {
    long started = System.nanoTime();
    HttpServerRequest request = rc.request();
    String method = request.method().name();
    String path = request.path();
    boolean quiet = path.startsWith("/health/") || path.equals("/metrics");
    rc.addEndHandler(
        done -> {
          int status = rc.response().getStatusCode();
          long micros = (System.nanoTime() - started) / 1_000;
          double millis = micros / 1000.0;
          if (quiet) {
            LOG.debug("{} {} {} {} ms", method, path, status, millis);
          } else {
            LOG.info(
                "{} {} {} {} ms",
                kv("method", method),
                kv("path", path),
                kv("status", status),
                kv("durationMs", millis));
          }
        });
    rc.next();
  }
}
