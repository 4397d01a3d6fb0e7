package io.showfloor.insight;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A job one node of the cluster runs every {@code everySeconds}: each node looks every {@code
 * checkMillis}, and the one whose UPDATE moves the job's next_run_at forward runs the pass (the
 * others find it already moved). {@link OnePass} keeps this node's passes from overlapping.
 */
final class ScheduledJob {
  private static final String TAKE =
      """
      UPDATE insight_jobs SET next_run_at = now() + make_interval(secs => $2), taken_by = $3, taken_at = now()
      WHERE name = $1 AND next_run_at <= now() RETURNING name""";
  private static final String NODE = UUID.randomUUID().toString();

  private ScheduledJob() {}

  static void every(
      Vertx vertx,
      Database db,
      String name,
      int everySeconds,
      long checkMillis,
      long limitMillis,
      Supplier<Future<?>> work) {
    OnePass pass =
        new OnePass(
            "Insight job " + name,
            limitMillis,
            () ->
                db.one(TAKE, Tuple.of(name, everySeconds, NODE))
                    .compose(
                        taken ->
                            taken == null
                                ? Future.succeededFuture(false)
                                : work.get().map(done -> false)));
    vertx.setPeriodic(checkMillis, checkMillis, id -> pass.run());
  }
}
