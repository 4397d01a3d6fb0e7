package io.showfloor.moderation;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * Finds what is being reported in the table of the domain that owns it (read only): the chat
 * message's author and show, a show's host, a product's seller, a review's author, a listing's
 * seller.
 */
final class ReportTargets {
  private final Database db;

  ReportTargets(Database db) {
    this.db = db;
  }

  private static String lookup(TargetType type) {
    return switch (type) {
      case CHAT_MESSAGE ->
          "SELECT user_id AS subject, show_id FROM chat_messages WHERE id = $1 AND deleted_at IS NULL";
      case USER ->
          "SELECT id AS subject, NULL::bigint AS show_id FROM user_directory WHERE id = $1";
      case SHOW -> "SELECT host_id AS subject, id AS show_id FROM shows WHERE id = $1";
      case PRODUCT ->
          "SELECT seller_id AS subject, NULL::bigint AS show_id FROM product_directory WHERE id = $1";
      case REVIEW ->
          "SELECT buyer_id AS subject, NULL::bigint AS show_id FROM reviews WHERE id = $1";
      case MARKET_INSTRUMENT ->
          "SELECT seller_id AS subject, NULL::bigint AS show_id FROM market_instruments WHERE symbol = $1";
      case MARKET_FLAG, RETURN_REQUEST, PAYMENT_DISPUTE ->
          throw new IllegalArgumentException(type.wire() + " is not reported");
    };
  }

  /**
   * The target, or 404 target_not_found; a target id of the wrong kind (a number for an instrument)
   * is 400.
   */
  Future<ReportTarget> find(TargetType type, Object rawId) {
    Object key;
    if (type.keyedBySymbol()) {
      if (!(rawId instanceof String)) {
        return Future.failedFuture(
            Refused.invalid("invalid_target_id", "A market instrument is reported by its symbol"));
      }
      key = rawId;
    } else {
      if (!(rawId instanceof Number number)) {
        return Future.failedFuture(
            Refused.invalid(
                "invalid_target_id", "A " + type.wire() + " is reported by its numeric id"));
      }
      key = number.longValue();
    }
    return db.query(lookup(type), Tuple.of(key))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.failedFuture(
                    Refused.notFound(
                        "target_not_found", "There is no " + type.wire() + " " + rawId));
              }
              var row = rows.iterator().next();
              return Future.succeededFuture(
                  new ReportTarget(
                      type, String.valueOf(key), row.getLong("subject"), row.getLong("show_id")));
            });
  }
}
