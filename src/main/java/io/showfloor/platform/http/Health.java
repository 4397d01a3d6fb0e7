package io.showfloor.platform.http;

import io.showfloor.platform.NodeState;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * /health/live says the process answers; /health/ready runs the vertx-health-check procedures (this
 * node's phase, PostgreSQL, Redis, the cluster; each with a time limit) and answers 200 only when
 * all pass: {@code {status: UP|DOWN, checks: {node, database, redis, cluster}}}, a failed check
 * reading "DOWN: why".
 */
final class Health {
  private static final long CHECK_TIMEOUT_MILLIS = 2_000;
  private final HealthChecks checks;

  Health(Vertx vertx, Database db, RedisStore redis, boolean clustered, NodeState state) {
    this.checks =
        HealthChecks.create(vertx)
            .register(
                "node",
                CHECK_TIMEOUT_MILLIS,
                p ->
                    p.complete(
                        state.serving()
                            ? Status.OK()
                            : Status.KO(reason(state.phase().name().toLowerCase(Locale.ROOT)))))
            .register(
                "database",
                CHECK_TIMEOUT_MILLIS,
                p -> up(p, db.pool().query("SELECT 1").execute().mapEmpty()))
            .register("redis", CHECK_TIMEOUT_MILLIS, p -> up(p, redis.ping()))
            .register("cluster", CHECK_TIMEOUT_MILLIS, p -> cluster(p, vertx, clustered));
  }

  void live(RoutingContext rc) {
    rc.json(new JsonObject().put("status", "UP"));
  }

  void ready(RoutingContext rc) {
    checks
        .checkStatus()
        .onComplete(
            done -> {
              JsonObject named = new JsonObject();
              boolean up = done.succeeded() && CheckResult.isUp(done.result());
              if (done.succeeded()) {
                for (CheckResult check : done.result().getChecks()) {
                  named.put(check.getId(), state(check));
                }
              }
              rc.response()
                  .setStatusCode(up ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(
                      new JsonObject()
                          .put("status", up ? "UP" : "DOWN")
                          .put("checks", named)
                          .toBuffer());
            });
  }

  private static void up(Promise<Status> promise, Future<Void> probe) {
    probe.onComplete(
        done ->
            promise.complete(
                done.succeeded() ? Status.OK() : Status.KO(reason(done.cause().getMessage()))));
  }

  private static void cluster(Promise<Status> promise, Vertx vertx, boolean clustered) {
    if (!clustered) {
      promise.complete(Status.OK(new JsonObject().put("mode", "standalone")));
      return;
    }
    var manager = ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    promise.complete(
        manager != null && manager.isActive()
            ? Status.OK()
            : Status.KO(reason("cluster manager is not active")));
  }

  private static JsonObject reason(@org.jspecify.annotations.Nullable String why) {
    return new JsonObject().put("reason", why == null ? "unknown" : why);
  }

  /** "UP", "standalone", or "DOWN: why" (a procedure that timed out or threw says so too). */
  private static String state(CheckResult check) {
    JsonObject data = check.getData() == null ? new JsonObject() : check.getData();
    if (Boolean.TRUE.equals(check.getUp())) {
      return data.getString("mode", "UP");
    }
    String why =
        data.getString(
            "reason",
            check.getFailure() != null
                ? check.getFailure().getMessage()
                : data.getString("cause", "no answer within " + CHECK_TIMEOUT_MILLIS + " ms"));
    return "DOWN: " + why;
  }
}
