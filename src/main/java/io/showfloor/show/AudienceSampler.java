package io.showfloor.show;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples each live show's viewer count at a fixed interval: stores the peak and the running sum
 * and number of samples (so the average is the mean over equally spaced samples, i.e.
 * time-weighted), and publishes {@code viewers} when the count changed. Every node runs the timer;
 * a Redis SET NX per show and interval makes exactly one node take each sample.
 */
final class AudienceSampler {
  private static final Logger LOG = LoggerFactory.getLogger(AudienceSampler.class);
  private final Vertx vertx;
  private final Database db;
  private final RedisStore redis;
  private final Presence presence;
  private final ShowEvents events;
  private final long intervalMillis;

  AudienceSampler(
      Vertx vertx,
      Database db,
      RedisStore redis,
      Presence presence,
      ShowEvents events,
      int intervalSeconds) {
    this.vertx = vertx;
    this.db = db;
    this.redis = redis;
    this.presence = presence;
    this.events = events;
    this.intervalMillis = intervalSeconds * 1000L;
  }

  void start() {
    vertx.setPeriodic(
        intervalMillis,
        intervalMillis,
        id -> sampleAll().onFailure(e -> LOG.warn("Viewer sampling failed: {}", e.toString())));
  }

  Future<Void> sampleAll() {
    return db.query("SELECT id FROM shows WHERE status = 'live'", Tuple.tuple())
        .compose(
            rows -> {
              List<Future<Void>> samples = new ArrayList<>();
              for (Row row : rows) {
                samples.add(sample(row.getLong("id")));
              }
              return Future.all(samples).mapEmpty();
            });
  }

  private Future<Void> sample(long showId) {
    long slot = System.currentTimeMillis() / intervalMillis;
    String claim = "presence:sample:" + showId + ":" + slot;
    return redis
        .api()
        .set(List.of(claim, "1", "NX", "PX", String.valueOf(intervalMillis * 2)))
        .compose(
            won -> {
              if (won == null) {
                return Future.succeededFuture();
              }
              return presence
                  .count(showId)
                  .compose(
                      count ->
                          record(db.pool(), showId, count, true)
                              .compose(
                                  v ->
                                      redis
                                          .api()
                                          .getset("presence:last:" + showId, String.valueOf(count)))
                              .compose(
                                  previous ->
                                      previous != null && previous.toLong() == count
                                          ? Future.succeededFuture()
                                          : events.publish(
                                              showId,
                                              "viewers",
                                              new JsonObject().put("count", count))));
            });
  }

  /** The last sample of a show, taken in the transaction that ends it. */
  Future<Void> finalSample(SqlClient tx, long showId) {
    return presence.count(showId).compose(count -> record(tx, showId, count, false));
  }

  private static Future<Void> record(SqlClient client, long showId, long count, boolean onlyLive) {
    return client
        .preparedQuery(
            """
            UPDATE shows SET peak_viewers = GREATEST(peak_viewers, $2), viewer_samples = viewer_samples + 1,
                   viewer_sample_sum = viewer_sample_sum + $2
            WHERE id = $1"""
                + (onlyLive ? " AND status = 'live'" : ""))
        .execute(Tuple.of(showId, (int) count))
        .mapEmpty();
  }
}
