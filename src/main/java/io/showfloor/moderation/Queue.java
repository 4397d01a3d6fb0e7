package io.showfloor.moderation;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The moderators' queue: one item per reported target (with its report count and reasons) and one
 * per market surveillance flag, newest first, each with what a moderator needs to decide without
 * leaving the queue (a chat message's text and show, a review's text, a flag's trades …). A flag
 * item's status is read from the market's flag, the one place it is kept.
 */
final class Queue {
  /** Every item with its status, flags included; the outer queries filter and page on it. */
  static final String ITEMS =
      """
      SELECT i.*, COALESCE(i.status, rc.queue_status, dc.queue_status, CASE f.status WHEN 'open' THEN 'open' WHEN 'confirmed' THEN 'actioned'
                                                   ELSE 'dismissed' END) AS item_status,
             COALESCE(rc.target, dc.target) AS case_target,
             f.kind AS flag_kind, f.symbol AS flag_symbol, f.trade_id AS flag_trade_id,
             f.related_trade_id AS flag_related_trade_id, f.user_a AS flag_user_a, f.user_b AS flag_user_b,
             f.detail AS flag_detail, f.reviewed_by AS flag_reviewed_by, f.review_note AS flag_review_note,
             f.reviewed_at AS flag_reviewed_at, f.rule AS flag_rule,
             coalesce(f.trade_ids, array_remove(ARRAY[f.related_trade_id, f.trade_id], NULL)) AS flag_trade_ids
      FROM moderation_items i
      LEFT JOIN market_surveillance_flags f ON i.target_type = 'market_flag' AND f.id = i.target_num
      LEFT JOIN return_request_cases rc ON i.target_type = 'return_request' AND rc.id = i.target_num
      LEFT JOIN payment_dispute_cases dc ON i.target_type = 'payment_dispute' AND dc.id = i.target_num""";

  private static final String DETAILS =
      """
      SELECT q.*, su.display_name AS subject_name,
             (SELECT jsonb_object_agg(reason, n) FROM (SELECT reason, count(*) AS n FROM moderation_reports
                WHERE item_id = q.id GROUP BY reason) r) AS reasons,
             cm.text AS message_text, cm.created_at AS message_created_at, cm.deleted_at IS NOT NULL AS message_deleted,
             s.title AS show_title, s.status AS show_status, s.host_id AS show_host_id,
             tu.display_name AS user_name, tu.status AS user_status, tu.suspended_until AS user_suspended_until,
             p.title AS product_title, p.status AS product_status, p.price_cents AS product_price_cents,
             rv.text AS review_text, rv.rating AS review_rating, rv.product_id AS review_product_id, rv.hidden AS review_hidden,
             mi.name AS instrument_name, mi.status AS instrument_status, mi.phase AS instrument_phase
      FROM (%s) q
      LEFT JOIN user_directory su ON su.id = q.subject_user_id
      LEFT JOIN chat_messages cm ON q.target_type = 'chat_message' AND cm.id = q.target_num
      LEFT JOIN shows s ON s.id = q.show_id
      LEFT JOIN user_directory tu ON q.target_type = 'user' AND tu.id = q.target_num
      LEFT JOIN product_directory p ON q.target_type = 'product' AND p.id = q.target_num
      LEFT JOIN reviews rv ON q.target_type = 'review' AND rv.id = q.target_num
      LEFT JOIN market_instruments mi ON q.target_type = 'market_instrument' AND mi.symbol = q.target_id
      ORDER BY q.id DESC""";
  private static final String PAGE =
      DETAILS.formatted(
          "SELECT * FROM ("
              + ITEMS
              + ") all_items"
              + " WHERE item_status = $1 AND ($2::text IS NULL OR target_type = $2) AND id < $3 ORDER BY id DESC LIMIT $4");
  private static final String ONE = DETAILS.formatted(ITEMS + " WHERE i.id = $1");
  private static final String REPORTS =
      "SELECT r."
          + Reports.COLUMNS.replace(", ", ", r.")
          + ", r.reporter_id, u.display_name"
          + " FROM moderation_reports r JOIN user_directory u ON u.id = r.reporter_id WHERE r.item_id = $1 ORDER BY r.id DESC LIMIT 200";

  private final Database db;

  Queue(Database db) {
    this.db = db;
  }

  Future<JsonObject> page(String status, String targetType, int limit, long before) {
    return db.query(PAGE, Tuple.of(status, targetType, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, Queue::item));
  }

  /** One item with its reports (reporters included: moderators see who reported). */
  Future<JsonObject> get(long itemId) {
    return find(db.pool(), itemId)
        .compose(
            item ->
                db.query(REPORTS, Tuple.of(itemId))
                    .map(
                        rows -> {
                          JsonArray reports = new JsonArray();
                          rows.forEach(
                              r ->
                                  reports.add(
                                      Reports.json(r)
                                          .put("reporterId", r.getLong("reporter_id"))
                                          .put("reporterName", r.getString("display_name"))));
                          return item.put("reports", reports);
                        }));
  }

  Future<JsonObject> find(SqlClient client, long itemId) {
    return client
        .preparedQuery(ONE)
        .execute(Tuple.of(itemId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("item_not_found", "There is no queue item " + itemId);
              }
              return item(rows.iterator().next());
            });
  }

  private static JsonObject item(Row row) {
    TargetType type = TargetType.parse(row.getString("target_type"));
    String id = row.getString("target_id");
    JsonObject reasons = row.getJsonObject("reasons");
    JsonObject json =
        new JsonObject()
            .put("id", row.getLong("id"))
            .put("targetType", type.wire())
            .put("targetId", type.keyedBySymbol() ? id : (Object) Long.parseLong(id))
            .put("status", row.getString("item_status"))
            .put("reportCount", row.getInteger("report_count"))
            .put("reasons", reasons == null ? new JsonObject() : reasons)
            .put("subjectUserIds", subjects(type, row))
            .put("subjectName", row.getString("subject_name"))
            .put("showId", row.getLong("show_id"))
            .put("target", target(type, row))
            .put("lastReportedAt", Reports.iso(row.getOffsetDateTime("last_reported_at")))
            .put("createdAt", Reports.iso(row.getOffsetDateTime("created_at")));
    json.put("resolution", resolution(type, row));
    return json;
  }

  /**
   * Whose content it is: the one user the user-directed actions (warn, suspend …) apply to; both
   * traders of a flag.
   */
  static JsonArray subjects(TargetType type, Row row) {
    if (type == TargetType.MARKET_FLAG) {
      return new JsonArray().add(row.getLong("flag_user_a")).add(row.getLong("flag_user_b"));
    }
    return new JsonArray().add(row.getLong("subject_user_id"));
  }

  /**
   * Who decided, how and when; a flag closed from the market's own review page has no queue action.
   */
  private static @Nullable JsonObject resolution(TargetType type, Row row) {
    if (row.getOffsetDateTime("resolved_at") != null) {
      return new JsonObject()
          .put("action", row.getString("resolution"))
          .put("note", row.getString("resolution_note"))
          .put("by", row.getLong("resolved_by"))
          .put("at", Reports.iso(row.getOffsetDateTime("resolved_at")));
    }
    if (type == TargetType.MARKET_FLAG && row.getOffsetDateTime("flag_reviewed_at") != null) {
      return new JsonObject()
          .put("action", null)
          .put("note", row.getString("flag_review_note"))
          .put("by", row.getLong("flag_reviewed_by"))
          .put("at", Reports.iso(row.getOffsetDateTime("flag_reviewed_at")));
    }
    return null;
  }

  private static JsonObject target(TargetType type, Row row) {
    return switch (type) {
      case CHAT_MESSAGE ->
          new JsonObject()
              .put("text", row.getString("message_text"))
              .put("showId", row.getLong("show_id"))
              .put("showTitle", row.getString("show_title"))
              .put("showStatus", row.getString("show_status"))
              .put("authorId", row.getLong("subject_user_id"))
              .put("authorName", row.getString("subject_name"))
              .put("deleted", row.getBoolean("message_deleted"))
              .put("sentAt", Reports.iso(row.getOffsetDateTime("message_created_at")));
      case USER ->
          new JsonObject()
              .put("displayName", row.getString("user_name"))
              .put("status", row.getString("user_status"))
              .put("suspendedUntil", future(row.getOffsetDateTime("user_suspended_until")));
      case SHOW ->
          new JsonObject()
              .put("title", row.getString("show_title"))
              .put("status", row.getString("show_status"))
              .put("hostId", row.getLong("show_host_id"));
      case PRODUCT ->
          new JsonObject()
              .put("title", row.getString("product_title"))
              .put("status", row.getString("product_status"))
              .put("priceCents", row.getLong("product_price_cents"))
              .put("sellerId", row.getLong("subject_user_id"));
      case REVIEW ->
          new JsonObject()
              .put("text", row.getString("review_text"))
              .put("rating", row.getInteger("review_rating"))
              .put("productId", row.getLong("review_product_id"))
              .put("hidden", row.getBoolean("review_hidden"))
              .put("authorId", row.getLong("subject_user_id"));
      case MARKET_INSTRUMENT ->
          new JsonObject()
              .put("symbol", row.getString("target_id"))
              .put("name", row.getString("instrument_name"))
              .put("status", row.getString("instrument_status"))
              .put("phase", row.getString("instrument_phase"))
              .put("sellerId", row.getLong("subject_user_id"));
      case MARKET_FLAG ->
          new JsonObject()
              .put("kind", row.getString("flag_kind"))
              .put("symbol", row.getString("flag_symbol"))
              .put("tradeId", row.getLong("flag_trade_id"))
              .put("relatedTradeId", row.getLong("flag_related_trade_id"))
              .put("userA", row.getLong("flag_user_a"))
              .put("userB", row.getLong("flag_user_b"))
              .put("detail", row.getString("flag_detail"))
              // the rule that fired and the trades behind it (GET /api/market/surveillance has them
              // in full)
              .put("rule", row.getString("flag_rule"))
              .put("tradeIds", flagTradeIds(row));
      // commerce shapes these (views return_request_cases, payment_dispute_cases): the request or
      // dispute and the order evidence
      case RETURN_REQUEST, PAYMENT_DISPUTE -> caseTarget(row);
    };
  }

  private static JsonArray flagTradeIds(Row row) {
    Long[] ids = row.getArrayOfLongs("flag_trade_ids");
    JsonArray tradeIds = new JsonArray();
    if (ids != null) {
      for (Long id : ids) {
        tradeIds.add(id);
      }
    }
    return tradeIds;
  }

  private static JsonObject caseTarget(Row row) {
    Object target = row.getValue("case_target");
    return target instanceof JsonObject json ? json : new JsonObject();
  }

  private static @Nullable String future(OffsetDateTime time) {
    return time == null || time.isBefore(OffsetDateTime.now()) ? null : time.toInstant().toString();
  }
}
