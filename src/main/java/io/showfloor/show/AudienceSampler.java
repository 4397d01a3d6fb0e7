package io.showfloor.show;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples each live show's viewer count at a fixed interval: stores the peak and the running sum
 * and number of samples (so the average is the mean over equally spaced samples, i.e.
 * time-weighted), and publishes {@code viewers} when the count changed. Every node runs the timer;
 * a Redis SET NX per interval makes exactly one node take each interval's sample of every show.
 *
 * <p>A pass costs the same handful of statements however many shows are live (issue 18: with one
 * statement and commit per show, 1,000 live shows cost ~400 commits a second): one claim, one query
 * of the live shows, one script call for all their counts, one UPDATE for all of them, one
 * pipelined batch swapping their last counts, and one batch of sequence numbers for the events.
 */
final class AudienceSampler {
  private static final Logger LOG = LoggerFactory.getLogger(AudienceSampler.class);
  private static final String LIVE_SHOWS = "SELECT id FROM shows WHERE status = 'live'";
  private static final String RECORD =
      """
      UPDATE shows SET peak_viewers = GREATEST(peak_viewers, $2), viewer_samples = viewer_samples + 1,
             viewer_sample_sum = viewer_sample_sum + $2
      WHERE id = $1""";
  // a show that ended since the pass read the live shows keeps the final sample its end took
  private static final String RECORD_LIVE =
      """
      UPDATE shows s SET peak_viewers = GREATEST(s.peak_viewers, v.count),
             viewer_samples = s.viewer_samples + 1, viewer_sample_sum = s.viewer_sample_sum + v.count
      FROM unnest($1::bigint[], $2::int[]) AS v (id, count)
      WHERE s.id = ANY($1::bigint[]) AND s.id = v.id AND s.status = 'live'""";

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
    return sample(System.currentTimeMillis() / intervalMillis).mapEmpty();
  }

  /**
   * Takes interval {@code slot}'s sample of every live show if this node is the first to claim the
   * slot; answers whether it was.
   */
  Future<Boolean> sample(long slot) {
    return redis
        .api()
        .set(
            List.of("presence:sample:" + slot, "1", "NX", "PX", String.valueOf(intervalMillis * 2)))
        .compose(won -> won == null ? Future.succeededFuture(false) : sampleLive().map(true));
  }

  private Future<Void> sampleLive() {
    return db.query(LIVE_SHOWS, Tuple.tuple())
        .compose(
            rows -> {
              List<Long> showIds = new ArrayList<>(rows.size());
              for (Row row : rows) {
                showIds.add(row.getLong("id"));
              }
              if (showIds.isEmpty()) {
                return Future.succeededFuture();
              }
              return presence
                  .counts(showIds)
                  .compose(counts -> recordLive(showIds, counts).map(counts))
                  .compose(counts -> publishChanged(showIds, counts));
            });
  }

  private Future<Void> recordLive(List<Long> showIds, List<Long> counts) {
    Integer[] viewers = counts.stream().map(Long::intValue).toArray(Integer[]::new);
    return db.query(
            RECORD_LIVE,
            // addValue, not Tuple.of: of(Object, Object...) would spread the second array
            Tuple.tuple().addValue(showIds.toArray(Long[]::new)).addValue(viewers))
        .mapEmpty();
  }

  /**
   * Swaps in every show's new count in one pipelined batch and publishes {@code viewers} for the
   * shows whose count differs from the last one sampled (or that have none yet).
   */
  private Future<Void> publishChanged(List<Long> showIds, List<Long> counts) {
    List<Request> swaps = new ArrayList<>(showIds.size());
    for (int i = 0; i < showIds.size(); i++) {
      swaps.add(
          Request.cmd(Command.GETSET)
              .arg("presence:last:" + showIds.get(i))
              .arg(String.valueOf(counts.get(i))));
    }
    return redis
        .client()
        .batch(swaps)
        .compose(
            previous -> {
              Map<Long, JsonObject> changed = new LinkedHashMap<>();
              for (int i = 0; i < showIds.size(); i++) {
                Response last = previous.get(i);
                long count = counts.get(i);
                if (last == null || last.toLong() != count) {
                  changed.put(showIds.get(i), new JsonObject().put("count", count));
                }
              }
              return events.publishAll("viewers", changed);
            });
  }

  /** The last sample of a show, taken in the transaction that ends it. */
  Future<Void> finalSample(SqlClient tx, long showId) {
    return presence
        .count(showId)
        .compose(
            count ->
                tx.preparedQuery(RECORD).execute(Tuple.of(showId, count.intValue())).mapEmpty());
  }
}
