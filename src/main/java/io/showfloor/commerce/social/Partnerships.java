package io.showfloor.commerce.social;

import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Creator partnerships: a seller invites a creator to feature their products at a commission (basis
 * points of the item price, taken from the seller's share); the creator accepts or declines; either
 * may end it. The auctions and shows domains ask {@link #commissionFor} when a sale happens in a
 * creator's show and pass the rate to {@code ShopOrders.createLockedOrder}.
 */
public final class Partnerships {
  private static final String COLUMNS =
      "id, seller_id, creator_id, commission_bps, note, status, created_at, responded_at, ended_at";
  private final Database db;
  private final io.showfloor.commerce.Notices notices;

  public Partnerships(Database db, io.showfloor.commerce.Notices notices) {
    this.db = db;
    this.notices = notices;
  }

  /**
   * The accepted rate between this seller and creator, or null when they have no active
   * partnership.
   */
  public Future<Integer> commissionFor(SqlClient client, long sellerId, long creatorId) {
    return client
        .preparedQuery(
            """
            SELECT commission_bps FROM creator_partnerships WHERE seller_id = $1 AND creator_id = $2 AND status = 'accepted'""")
        .execute(Tuple.of(sellerId, creatorId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? rows.iterator().next().getInteger("commission_bps")
                    : null);
  }

  /**
   * The seller invites a creator: the invitation, an in-app {@code partnership_invited} notice and
   * a mail reach the creator in the same transaction, naming the seller by display name.
   */
  public Future<JsonObject> invite(Caller seller, long creatorId, int commissionBps, String note) {
    if (creatorId == seller.userId()) {
      return Future.failedFuture(
          Refused.unprocessable("own_partnership", "You cannot partner with yourself"));
    }
    List<io.showfloor.notify.Notification> stored = new java.util.ArrayList<>();
    return db.one("SELECT roles FROM user_directory WHERE id = $1", Tuple.of(creatorId))
        .compose(
            user -> {
              if (user == null || !List.of(user.getArrayOfStrings("roles")).contains("creator")) {
                return Future.failedFuture(
                    Refused.notFound("creator_not_found", "No creator " + creatorId));
              }
              return db.tx(
                      conn ->
                          conn.preparedQuery(
                                  "INSERT INTO creator_partnerships (seller_id, creator_id, commission_bps, note) VALUES ($1, $2, $3, $4) RETURNING "
                                      + COLUMNS)
                              .execute(Tuple.of(seller.userId(), creatorId, commissionBps, note))
                              .compose(rows -> named(conn, rows.iterator().next()))
                              .compose(
                                  invitation ->
                                      notices
                                          .add(
                                              conn,
                                              creatorId,
                                              "partnership_invited",
                                              new JsonObject()
                                                  .put("partnershipId", invitation.getLong("id"))
                                                  .put("sellerId", seller.userId())
                                                  .put(
                                                      "sellerName",
                                                      invitation.getString("sellerName"))
                                                  .put("commissionBps", commissionBps)
                                                  .put("note", note))
                                          .compose(
                                              notice -> {
                                                stored.add(notice);
                                                return notices.mail(
                                                    conn,
                                                    creatorId,
                                                    NotificationTopics.ORDERS,
                                                    invitation.getString("sellerName")
                                                        + " invites you to a partnership",
                                                    invitation.getString("sellerName")
                                                        + " invites you to feature their products in your shows for a "
                                                        + percent(commissionBps)
                                                        + " commission on each sale."
                                                        + (note == null
                                                            ? ""
                                                            : "\n\nTheir note: " + note)
                                                        + "\n\nAccept or decline it under Partnerships in your studio.\n",
                                                    "partnership-invited-"
                                                        + invitation.getLong("id"));
                                              })
                                          .map(invitation)))
                  .onSuccess(
                      v -> {
                        stored.forEach(notices::push);
                        notices.sendMail();
                      })
                  .recover(
                      e ->
                          Future.failedFuture(
                              Database.isUniqueViolation(e, "creator_partnerships_open")
                                  ? Refused.conflict(
                                      "partnership_exists",
                                      "You already have an open partnership with this creator")
                                  : e));
            });
  }

  private static String percent(int bps) {
    return java.math.BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
  }

  /** The partnership's JSON with both people's display names. */
  private Future<JsonObject> named(SqlClient client, Row row) {
    return notices
        .names(client, List.of(row.getLong("seller_id"), row.getLong("creator_id")))
        .map(
            names ->
                json(row)
                    .put("sellerName", names.get(row.getLong("seller_id")))
                    .put("creatorName", names.get(row.getLong("creator_id"))));
  }

  /**
   * accept / decline (the creator, while invited) or end (either side, while invited or accepted).
   */
  public Future<JsonObject> respond(Caller caller, long id, String action) {
    List<io.showfloor.notify.Notification> told = new java.util.ArrayList<>();
    return db.tx(
            conn ->
                conn.preparedQuery(
                        "SELECT " + COLUMNS + " FROM creator_partnerships WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(id))
                    .compose(
                        rows -> {
                          Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                          boolean creator =
                              row != null && row.getLong("creator_id") == caller.userId();
                          boolean seller =
                              row != null && row.getLong("seller_id") == caller.userId();
                          if (row == null || !(creator || seller)) {
                            return Future.failedFuture(
                                Refused.notFound("partnership_not_found", "No partnership " + id));
                          }
                          String status = row.getString("status");
                          String to;
                          String stamp;
                          switch (action) {
                            case "accept", "decline" -> {
                              if (!creator) {
                                return Future.failedFuture(
                                    Refused.forbidden(
                                        "not_allowed", "Only the invited creator may " + action));
                              }
                              if (!"invited".equals(status)) {
                                return Future.failedFuture(
                                    Refused.conflict(
                                        "partnership_state", "This partnership is " + status));
                              }
                              to = "accept".equals(action) ? "accepted" : "declined";
                              stamp = "responded_at";
                            }
                            default -> {
                              if (!"invited".equals(status) && !"accepted".equals(status)) {
                                return Future.failedFuture(
                                    Refused.conflict(
                                        "partnership_state", "This partnership is " + status));
                              }
                              to = "ended";
                              stamp = "ended_at";
                            }
                          }
                          // the other side hears of it, by the actor's display name
                          long other =
                              creator ? row.getLong("seller_id") : row.getLong("creator_id");
                          return conn.preparedQuery(
                                  "UPDATE creator_partnerships SET status = $2, "
                                      + stamp
                                      + " = now() WHERE id = $1 RETURNING "
                                      + COLUMNS)
                              .execute(Tuple.of(id, to))
                              .compose(updated -> named(conn, updated.iterator().next()))
                              .compose(
                                  partnership ->
                                      notices
                                          .add(
                                              conn,
                                              other,
                                              "partnership_" + to,
                                              new JsonObject()
                                                  .put("partnershipId", id)
                                                  .put("byId", caller.userId())
                                                  .put(
                                                      "byName",
                                                      creator
                                                          ? partnership.getString("creatorName")
                                                          : partnership.getString("sellerName")))
                                          .map(
                                              notice -> {
                                                told.add(notice);
                                                return partnership;
                                              }));
                        }))
        .onSuccess(v -> told.forEach(notices::push));
  }

  public Future<JsonArray> mine(Caller caller) {
    return db.query(
            "SELECT "
                + COLUMNS.replaceAll("(\\w+)", "p.$1")
                + ", s.display_name AS seller_name, c.display_name AS creator_name"
                + " FROM creator_partnerships p JOIN user_directory s ON s.id = p.seller_id JOIN user_directory c ON c.id = p.creator_id"
                + " WHERE seller_id = $1 OR creator_id = $1 ORDER BY p.id DESC LIMIT 200",
            Tuple.of(caller.userId()))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              rows.forEach(
                  r ->
                      list.add(
                          json(r)
                              .put("sellerName", r.getString("seller_name"))
                              .put("creatorName", r.getString("creator_name"))));
              return list;
            });
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("sellerId", row.getLong("seller_id"))
        .put("creatorId", row.getLong("creator_id"))
        .put("commissionBps", row.getInteger("commission_bps"))
        .put("note", row.getString("note"))
        .put("status", row.getString("status"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
