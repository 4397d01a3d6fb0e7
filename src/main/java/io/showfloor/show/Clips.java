package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Highlights: a time range within a live or ended show. A clip's video is its range of the show's
 * recording — present once LiveKit's egress reported one (egress_ended), given as a media-fragment
 * URL ({@code recording#t=start,end}); until then the clip keeps its range ({@code status:
 * range_only}).
 */
final class Clips {
  static final int MIN_SECONDS = 3;
  static final int MAX_SECONDS = 180;
  private static final String CLIP =
      """
      SELECT c.id, c.show_id, c.created_by, u.display_name, c.title, c.start_seconds, c.end_seconds, c.product_id,
             c.created_at, s.recording_url, s.title AS show_title
      FROM clips c JOIN user_directory u ON u.id = c.created_by JOIN shows s ON s.id = c.show_id""";
  private final RateLimiter rateLimiter;
  private final Database db;
  private final ShowAccess access;
  private final ShowEvents events;

  Clips(Database db, RateLimiter rateLimiter, ShowAccess access, ShowEvents events) {
    this.rateLimiter = rateLimiter;
    this.db = db;
    this.access = access;
    this.events = events;
  }

  Future<JsonObject> create(Caller caller, long showId, JsonObject body) {
    String title = Fields.text(body, "title", 100);
    int start = body.getInteger("startSeconds");
    int end = body.getInteger("endSeconds");
    Long productId = body.getLong("productId");
    if (end - start < MIN_SECONDS || end - start > MAX_SECONDS) {
      return Future.failedFuture(
          Refused.unprocessable(
              "invalid_clip_length",
              "A clip lasts "
                  + MIN_SECONDS
                  + " to "
                  + MAX_SECONDS
                  + " seconds and ends after it starts"));
    }
    return rateLimiter
        .check("clip:" + caller.userId(), 10, 600)
        .compose(v -> access.standing(showId, caller.userId()))
        .compose(
            standing -> {
              if (standing.banned()) {
                return Future.failedFuture(
                    Refused.forbidden("banned_from_show", "You are banned from this show"));
              }
              return ShowService.get(db.pool(), showId);
            })
        .compose(
            show -> {
              if (show.startedAt() == null || "cancelled".equals(show.status())) {
                return Future.failedFuture(
                    Refused.conflict(
                        "show_not_started", "Clips are cut from a live or ended show"));
              }
              OffsetDateTime until =
                  show.endedAt() != null ? show.endedAt() : OffsetDateTime.now(ZoneOffset.UTC);
              long length = Duration.between(show.startedAt(), until).toSeconds();
              if (end > length) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "clip_out_of_range",
                        "The show has run for " + length + " s; the clip must end by then"));
              }
              return requireProduct(productId);
            })
        .compose(
            v ->
                db.one(
                    """
            INSERT INTO clips (show_id, created_by, title, start_seconds, end_seconds, product_id)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                    Tuple.of(showId, caller.userId(), title, start, end, productId)))
        .compose(row -> get(row.getLong("id")))
        .compose(clip -> events.publish(showId, "clip.created", clip).map(clip));
  }

  /** A product id must name a product of the catalog. */
  private Future<Void> requireProduct(Long productId) {
    if (productId == null) {
      return Future.succeededFuture();
    }
    return db.one("SELECT 1 AS found FROM product_directory WHERE id = $1", Tuple.of(productId))
        .map(
            found -> {
              if (found == null) {
                throw Refused.notFound("product_not_found", "There is no product " + productId);
              }
              return null;
            });
  }

  Future<JsonObject> get(long clipId) {
    return db.one(CLIP + " WHERE c.id = $1 AND c.deleted_at IS NULL", Tuple.of(clipId))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("clip_not_found", "There is no clip " + clipId);
              }
              return toJson(row);
            });
  }

  Future<JsonArray> ofShow(long showId) {
    return access
        .find(showId)
        .compose(
            s ->
                db.query(
                    CLIP
                        + " WHERE c.show_id = $1 AND c.deleted_at IS NULL ORDER BY c.start_seconds, c.id",
                    Tuple.of(showId)))
        .map(Clips::list);
  }

  /** Clips featuring a product, newest first: what its product page shows. */
  Future<JsonArray> ofProduct(long productId, int limit) {
    return db.query(
            CLIP + " WHERE c.product_id = $1 AND c.deleted_at IS NULL ORDER BY c.id DESC LIMIT $2",
            Tuple.of(productId, limit))
        .map(Clips::list);
  }

  Future<Void> delete(Caller caller, long clipId) {
    return get(clipId)
        .compose(
            clip ->
                clip.getLong("createdBy") == caller.userId()
                    ? Future.succeededFuture()
                    : access.requireModerator(clip.getLong("showId"), caller).map(clip))
        .compose(
            v -> db.query("UPDATE clips SET deleted_at = now() WHERE id = $1", Tuple.of(clipId)))
        .mapEmpty();
  }

  private static JsonArray list(Iterable<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(r -> list.add(toJson(r)));
    return list;
  }

  private static JsonObject toJson(Row r) {
    String recording = r.getString("recording_url");
    int start = r.getInteger("start_seconds");
    int end = r.getInteger("end_seconds");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("showId", r.getLong("show_id"))
        .put("showTitle", r.getString("show_title"))
        .put("createdBy", r.getLong("created_by"))
        .put("createdByName", r.getString("display_name"))
        .put("title", r.getString("title"))
        .put("startSeconds", start)
        .put("endSeconds", end)
        .put("productId", r.getLong("product_id"))
        .put("status", recording == null ? "range_only" : "recorded")
        // W3C media fragment: players seek to the range of the show's recording
        .put("videoUrl", recording == null ? null : recording + "#t=" + start + "," + end)
        .put("createdAt", Show.iso(r.getOffsetDateTime("created_at")));
  }
}
