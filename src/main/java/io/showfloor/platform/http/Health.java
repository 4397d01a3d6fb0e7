package io.showfloor.platform.http;

import io.showfloor.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** /health/live says the process answers; /health/ready checks PostgreSQL, Redis and the cluster. */
final class Health {
  private final Platform platform;

  Health(Platform platform) {
    this.platform = platform;
  }

  void live(RoutingContext rc) {
    rc.json(new JsonObject().put("status", "UP"));
  }

  void ready(RoutingContext rc) {
    Future<Void> database = platform.db().pool().query("SELECT 1").execute().mapEmpty();
    Future<Void> redis = platform.redis().ping();
    Future<Void> cluster = clusterCheck();
    Future.join(database, redis, cluster).onComplete(done -> {
      JsonObject checks = new JsonObject()
          .put("database", state(database))
          .put("redis", state(redis))
          .put("cluster", platform.clustered() ? state(cluster) : "standalone");
      boolean up = database.succeeded() && redis.succeeded() && cluster.succeeded();
      rc.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks).toBuffer());
    });
  }

  private Future<Void> clusterCheck() {
    if (!platform.clustered()) {
      return Future.succeededFuture();
    }
    var manager = ((io.vertx.core.internal.VertxInternal) platform.vertx()).clusterManager();
    return manager != null && manager.isActive() ? Future.succeededFuture()
        : Future.failedFuture("cluster manager is not active");
  }

  private static String state(Future<?> f) {
    return f.succeeded() ? "UP" : "DOWN: " + f.cause().getMessage();
  }
}
