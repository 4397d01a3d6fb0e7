package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The public face of a host: the verified badge (requested by the host, granted by an admin after
 * review), followers, show record and an explained trust score.
 *
 * <p>Trust inputs: the host's orders are those they sold and those placed in their shows
 * (commerce's {@code orders}, read here without writing). Completed orders, on-time shipping
 * (within {@link #HANDLING_DAYS} days of payment), ratings (commerce's reviews of those orders) and
 * refunds come from there; show reliability and history from this domain; upheld reports from the
 * moderation domain's {@code moderation_reports} (reports against the host, their shows or their
 * products that a moderator upheld in the last {@link #REPORT_WINDOW_DAYS} days).
 */
final class HostProfiles {
  private final Database db;
  private final Follows follows;

  HostProfiles(Database db, Follows follows) {
    this.db = db;
    this.follows = follows;
  }

  static final int HANDLING_DAYS = 3;
  static final int REPORT_WINDOW_DAYS = 90;

  /** Upheld reports in the window that bring the input to 0; each one costs a fifth of it. */
  static final int UPHELD_REPORTS_FOR_ZERO = 5;

  private static final String TRACK_RECORD =
      """
      WITH host_orders AS (
        SELECT o.* FROM orders o
        WHERE o.seller_id = $1 OR o.show_id IN (SELECT id FROM shows WHERE host_id = $1)
      )
      SELECT u.id, u.display_name, u.created_at,
             v.status AS verification, v.reviewed_at,
             (SELECT count(*) FROM host_follows WHERE host_id = u.id) AS followers,
             (SELECT count(*) FROM shows WHERE host_id = u.id AND status = 'ended') AS ended,
             (SELECT count(*) FROM shows WHERE host_id = u.id AND status = 'live') AS live,
             (SELECT count(*) FROM shows WHERE host_id = u.id AND status = 'scheduled' AND scheduled_at >= now() - interval '1 hour') AS upcoming,
             (SELECT count(*) FROM shows WHERE host_id = u.id AND status = 'cancelled') AS cancelled,
             (SELECT count(*) FROM shows WHERE host_id = u.id AND status = 'scheduled' AND scheduled_at < now() - interval '1 hour') AS no_shows,
             (SELECT count(*) FROM host_orders WHERE status = 'delivered') AS delivered,
             (SELECT count(*) FROM host_orders WHERE paid_at IS NOT NULL) AS paid,
             (SELECT count(*) FROM host_orders WHERE paid_at IS NOT NULL AND refunded_cents > 0) AS refunded,
             (SELECT count(*) FROM host_orders WHERE paid_at IS NOT NULL
                AND (shipped_at IS NOT NULL OR paid_at < now() - make_interval(days => $2))) AS due_to_ship,
             (SELECT count(*) FROM host_orders WHERE shipped_at IS NOT NULL
                AND shipped_at <= paid_at + make_interval(days => $2)) AS shipped_on_time,
             (SELECT count(*) FROM reviews r JOIN order_lines l ON l.id = r.order_line_id
                JOIN host_orders o ON o.id = l.order_id WHERE NOT r.hidden) AS ratings,
             (SELECT avg(r.rating)::float8 FROM reviews r JOIN order_lines l ON l.id = r.order_line_id
                JOIN host_orders o ON o.id = l.order_id WHERE NOT r.hidden) AS average_rating,
             (SELECT count(*) FROM moderation_reports r JOIN moderation_items i ON i.id = r.item_id
                WHERE i.subject_user_id = u.id AND i.target_type IN ('user', 'show', 'product')
                  AND r.status = 'upheld' AND r.resolved_at > now() - make_interval(days => $3)) AS upheld_reports
      FROM user_directory u LEFT JOIN host_verifications v ON v.host_id = u.id WHERE u.id = $1""";

  Future<JsonObject> profile(long hostId) {
    return follows
        .requireHost(hostId)
        .compose(v -> db.one(TRACK_RECORD, Tuple.of(hostId, HANDLING_DAYS, REPORT_WINDOW_DAYS)))
        .map(
            row -> {
              TrustScore trust = trust(row);
              return new JsonObject()
                  .put("id", row.getLong("id"))
                  .put("displayName", row.getString("display_name"))
                  .put("verified", "verified".equals(row.getString("verification")))
                  .put(
                      "verifiedAt",
                      "verified".equals(row.getString("verification"))
                          ? Show.iso(row.getOffsetDateTime("reviewed_at"))
                          : null)
                  .put("followerCount", row.getLong("followers"))
                  .put(
                      "shows",
                      new JsonObject()
                          .put("ended", row.getLong("ended"))
                          .put("live", row.getLong("live"))
                          .put("upcoming", row.getLong("upcoming"))
                          .put("cancelled", row.getLong("cancelled"))
                          .put("noShows", row.getLong("no_shows")))
                  .put(
                      "orders",
                      new JsonObject()
                          .put("paid", row.getLong("paid"))
                          .put("delivered", row.getLong("delivered"))
                          .put("refunded", row.getLong("refunded"))
                          .put("ratings", row.getLong("ratings"))
                          .put("averageRating", row.getDouble("average_rating")))
                  .put("trust", explain(trust))
                  .put("hostSince", Show.iso(row.getOffsetDateTime("created_at")));
            });
  }

  private static TrustScore trust(Row row) {
    long ended = row.getLong("ended");
    long failed = row.getLong("cancelled") + row.getLong("no_shows");
    long delivered = row.getLong("delivered");
    long paid = row.getLong("paid");
    long refunded = row.getLong("refunded");
    long due = row.getLong("due_to_ship");
    long onTime = row.getLong("shipped_on_time");
    long ratings = row.getLong("ratings");
    Double average = row.getDouble("average_rating");
    long upheld = row.getLong("upheld_reports");
    // a clean record counts once the host has any track record; before that it alone would score
    // 100
    boolean trackRecord = paid > 0 || ended + failed > 0;
    return new TrustScore()
        .add(
            new TrustScore.Input(
                "completedOrders",
                paid == 0 ? null : TrustScore.saturating(delivered, 50),
                TrustScore.COMPLETED_ORDERS,
                "orders sold by the host or in their shows that reached the buyer, full marks at 50",
                delivered + " delivered"))
        .add(
            new TrustScore.Input(
                "onTimeShipping",
                due == 0 ? null : (double) onTime / due,
                TrustScore.ON_TIME_SHIPPING,
                "share of paid orders shipped within "
                    + HANDLING_DAYS
                    + " days of payment (orders still inside that time are not counted yet)",
                onTime + " of " + due + " on time"))
        .add(
            new TrustScore.Input(
                "ratings",
                ratings == 0 ? null : (average - 1) / 4,
                TrustScore.RATINGS,
                "average buyer rating of those orders, 1 star = 0, 5 stars = 1",
                ratings == 0
                    ? "no ratings yet"
                    : ratings + " ratings, average " + Math.round(average * 100) / 100.0))
        .add(
            new TrustScore.Input(
                "refunds",
                paid == 0 ? null : 1 - (double) refunded / paid,
                TrustScore.REFUNDS,
                "1 minus the share of paid orders (partly) refunded",
                refunded + " of " + paid + " refunded"))
        .add(
            new TrustScore.Input(
                "upheldReports",
                upheld == 0 && !trackRecord
                    ? null
                    : 1 - TrustScore.saturating(upheld, UPHELD_REPORTS_FOR_ZERO),
                TrustScore.UPHELD_REPORTS,
                "reports against the host, their shows or products upheld by a moderator in the last "
                    + REPORT_WINDOW_DAYS
                    + " days: 1 minus a fifth per report, 0 at "
                    + UPHELD_REPORTS_FOR_ZERO,
                upheld + " upheld in " + REPORT_WINDOW_DAYS + " days"))
        .add(
            new TrustScore.Input(
                "showReliability",
                ended + failed == 0 ? null : (double) ended / (ended + failed),
                TrustScore.SHOW_RELIABILITY,
                "shows held as a share of shows held, cancelled or not started within an hour",
                ended + " held, " + failed + " cancelled or missed"))
        .add(
            new TrustScore.Input(
                "showHistory",
                ended == 0 && failed == 0 ? null : TrustScore.saturating(ended, 20),
                TrustScore.SHOW_HISTORY,
                "shows held, full marks at 20",
                ended + " held"));
  }

  private static JsonObject explain(TrustScore trust) {
    JsonArray inputs = new JsonArray();
    for (TrustScore.Input input : trust.inputs()) {
      inputs.add(
          new JsonObject()
              .put("name", input.name())
              .put("weight", input.weight())
              .put("available", input.available())
              .put(
                  "value", input.value() == null ? null : Math.round(input.value() * 1000) / 1000.0)
              .put("contribution", trust.contribution(input))
              .put("measure", input.measure())
              .put("detail", input.detail()));
    }
    Integer score = trust.score();
    return new JsonObject()
        .put("score", score)
        .put("scale", "0-100")
        .put(
            "method",
            "Weighted mean of the available inputs (each scaled 0..1, 1 = best); inputs without data are "
                + "left out and the remaining weights rescaled to 100.")
        .put(
            "summary",
            score == null
                ? "Not enough history for a score yet."
                : "Score "
                    + score
                    + " from "
                    + trust.inputs().stream().filter(TrustScore.Input::available).count()
                    + " of "
                    + trust.inputs().size()
                    + " inputs.")
        .put("inputs", inputs);
  }

  // ---- the verified badge ----

  Future<JsonObject> requestVerification(Caller host, @Nullable String note) {
    return db.one(
            """
            INSERT INTO host_verifications (host_id, status, request_note, requested_at) VALUES ($1, 'pending', $2, now())
            ON CONFLICT (host_id) DO UPDATE SET status = 'pending', request_note = EXCLUDED.request_note,
              requested_at = now(), review_note = NULL, reviewed_by = NULL, reviewed_at = NULL
            WHERE host_verifications.status IN ('rejected', 'revoked')
            RETURNING host_id""",
            Tuple.of(host.userId(), note))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.conflict(
                            "verification_exists", "You are already verified or awaiting review"))
                    : verification(host.userId()));
  }

  Future<JsonObject> review(Caller admin, long hostId, String decision, @Nullable String note) {
    String from =
        switch (decision) {
          case "verified", "rejected" -> "'pending'";
          default -> "'verified'";
        };
    return follows
        .requireHost(hostId)
        .compose(
            v ->
                db.one(
                    """
            UPDATE host_verifications SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now()
            WHERE host_id = $1 AND status = """
                        + from
                        + " RETURNING host_id",
                    Tuple.of(hostId, decision, note, admin.userId())))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.conflict(
                            "verification_not_reviewable",
                            "verified".equals(decision) || "rejected".equals(decision)
                                ? "The host has no pending verification request"
                                : "The host is not verified"))
                    : verification(hostId));
  }

  Future<JsonArray> pending() {
    return db.query(
            """
            SELECT v.host_id FROM host_verifications v WHERE v.status = 'pending' ORDER BY v.requested_at""",
            Tuple.tuple())
        .compose(
            rows -> {
              JsonArray list = new JsonArray();
              Future<Void> chain = Future.succeededFuture();
              for (Row r : rows) {
                long id = r.getLong("host_id");
                chain = chain.compose(v -> verification(id).map(list::add).mapEmpty());
              }
              return chain.map(list);
            });
  }

  Future<JsonObject> verification(long hostId) {
    return db.one(
            """
            SELECT v.host_id, u.display_name, v.status, v.request_note, v.review_note, v.requested_at, v.reviewed_at
            FROM host_verifications v JOIN user_directory u ON u.id = v.host_id WHERE v.host_id = $1""",
            Tuple.of(hostId))
        .map(
            r -> {
              if (r == null) {
                throw Refused.notFound(
                    "verification_not_found", "No verification request from this host");
              }
              return new JsonObject()
                  .put("hostId", r.getLong("host_id"))
                  .put("displayName", r.getString("display_name"))
                  .put("status", r.getString("status"))
                  .put("requestNote", r.getString("request_note"))
                  .put("reviewNote", r.getString("review_note"))
                  .put("requestedAt", Show.iso(r.getOffsetDateTime("requested_at")))
                  .put("reviewedAt", Show.iso(r.getOffsetDateTime("reviewed_at")));
            });
  }
}
