package io.showfloor.moderation;

import io.showfloor.account.Suspensions;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.show.AfterCommit;
import io.showfloor.show.ShowEnforcement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A moderator's decision on a queue item, in one transaction: the item is closed (a second decision
 * gets 409), the decision is written to the audit trail, its effect is applied through the owning
 * domain's own code, the item's reports become upheld or dismissed and each reporter is notified.
 * Frames and notifications go out after the commit. Stopping a market listing is the one effect
 * outside the transaction: the book owner applies it, so it runs first and a refusal changes
 * nothing.
 */
final class QueueActions {
  private static final String CLOSE =
      """
      UPDATE moderation_items SET status = $2, resolution = $3, resolution_note = $4, resolved_by = $5, resolved_at = now()
      WHERE id = $1 AND status = 'open' RETURNING id""";
  private static final String CLOSE_FLAG_ITEM =
      """
      UPDATE moderation_items SET resolution = $2, resolution_note = $3, resolved_by = $4, resolved_at = now()
      WHERE id = $1 AND resolved_at IS NULL RETURNING id""";
  private static final String RESOLVE_REPORTS =
      """
      UPDATE moderation_reports SET status = $2, resolved_at = now() WHERE item_id = $1 AND status = 'open'
      RETURNING id, reporter_id, target_type, target_id""";
  private static final String STAFF =
      "SELECT id FROM user_directory WHERE id = ANY($1) AND roles && ARRAY['moderator', 'admin']";

  private final Database db;
  private final Queue queue;
  private final AuditTrail audit;
  private final ShowEnforcement shows;
  private final CatalogActions catalog;
  private final ListingActions listings;
  private final Suspensions suspensions;
  private final Notifications notifications;

  QueueActions(
      Database db,
      Queue queue,
      AuditTrail audit,
      ShowEnforcement shows,
      CatalogActions catalog,
      ListingActions listings,
      Suspensions suspensions,
      Notifications notifications) {
    this.db = db;
    this.queue = queue;
    this.audit = audit;
    this.shows = shows;
    this.catalog = catalog;
    this.listings = listings;
    this.suspensions = suspensions;
    this.notifications = notifications;
  }

  /**
   * What one decision asks for: {@code minutes} only for timeout_user, {@code days} only for
   * suspend_user (ModerationEndpoints checks that while reading the request).
   */
  record Decision(
      Action action, @Nullable Integer minutes, @Nullable Integer days, @Nullable String note) {
    int minutesGiven() {
      return java.util.Objects.requireNonNull(minutes, "minutes of a timeout_user");
    }

    int daysGiven() {
      return java.util.Objects.requireNonNull(days, "days of a suspend_user");
    }
  }

  /** Everything the transaction produced that must happen after the commit. */
  private static final class Consequences {
    final JsonObject effect = new JsonObject();
    final List<AfterCommit> announcements = new ArrayList<>();
    final List<Notification> notices = new ArrayList<>();
  }

  Future<JsonObject> act(Caller moderator, long itemId, Decision decision) {
    return queue
        .find(db.pool(), itemId)
        .compose(
            item -> {
              TargetType type = TargetType.parse(item.getString("targetType"));
              List<Long> subjects = subjects(item);
              if (!"open".equals(item.getString("status"))) {
                return Future.failedFuture(
                    Refused.conflict(
                        "item_closed", "This item is already " + item.getString("status")));
              }
              String refusal = decision.action().refusal(type);
              if (refusal != null) {
                return Future.failedFuture(Refused.unprocessable("action_not_applicable", refusal));
              }
              if (subjects.contains(moderator.userId())) {
                return Future.failedFuture(
                    Refused.conflict(
                        "own_item", "Another moderator must decide on an item about you"));
              }
              boolean stopsListing =
                  decision.action() == Action.REMOVE_CONTENT
                      && type == TargetType.MARKET_INSTRUMENT;
              if (stopsListing && !moderator.hasRole("admin")) {
                return Future.failedFuture(
                    Refused.forbidden(
                        "role_required",
                        "Halting or rejecting a market listing needs the admin role, as in the market itself"));
              }
              return refuseStaff(decision.action(), subjects)
                  .compose(
                      v ->
                          stopsListing
                              ? listings
                                  .stopListing(moderator.userId(), item.getString("targetId"))
                                  .map(ListingActions.Stopped::wire)
                              : Future.<@Nullable String>succeededFuture(null))
                  .compose(
                      listing ->
                          db.tx(
                              tx -> decide(tx, moderator, item, type, subjects, decision, listing)))
                  .compose(this::announce)
                  .compose(
                      effect ->
                          queue
                              .get(itemId)
                              .map(
                                  updated ->
                                      new JsonObject().put("item", updated).put("effect", effect)));
            });
  }

  private Future<Consequences> decide(
      SqlConnection tx,
      Caller moderator,
      JsonObject item,
      TargetType type,
      List<Long> subjects,
      Decision decision,
      @Nullable String listing) {
    long itemId = item.getLong("id");
    Action action = decision.action();
    String targetId = String.valueOf(item.getValue("targetId"));
    Long subject = type == TargetType.MARKET_FLAG ? null : subjects.get(0);
    JsonObject detail =
        new JsonObject()
            .put("subjects", new JsonArray(subjects))
            .put("minutes", decision.minutes())
            .put("days", decision.days())
            .put("listing", listing);
    Consequences out = new Consequences();
    if (listing != null) {
      out.effect.put("listing", listing);
    }
    return close(tx, moderator, item, type, decision)
        .compose(
            v ->
                audit.record(
                    tx,
                    new AuditTrail.Entry(
                        moderator.userId(),
                        action,
                        type,
                        targetId,
                        subject,
                        itemId,
                        item.getLong("showId"),
                        decision.note(),
                        detail)))
        .compose(v -> effect(tx, moderator, item, type, subjects, decision, out))
        .compose(v -> resolveReports(tx, itemId, action, out))
        .map(out);
  }

  /**
   * Closes the item; a flag is closed through the market's own review, which keeps the flag's
   * status.
   */
  private Future<Void> close(
      SqlConnection tx, Caller moderator, JsonObject item, TargetType type, Decision decision) {
    long itemId = item.getLong("id");
    String resolution = decision.action().wire();
    if (type == TargetType.MARKET_FLAG) {
      return listings
          .reviewFlag(
              tx,
              moderator.userId(),
              item.getLong("targetId"),
              decision.action().upholds(),
              decision.note())
          .compose(
              flag ->
                  tx.preparedQuery(CLOSE_FLAG_ITEM)
                      .execute(Tuple.of(itemId, resolution, decision.note(), moderator.userId())))
          .mapEmpty();
    }
    return tx.preparedQuery(CLOSE)
        .execute(
            Tuple.of(
                itemId,
                decision.action().upholds() ? "actioned" : "dismissed",
                resolution,
                decision.note(),
                moderator.userId()))
        .compose(
            rows ->
                rows.rowCount() == 1
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Refused.conflict(
                            "item_closed", "Another moderator decided on this item first")));
  }

  private Future<Void> effect(
      SqlConnection tx,
      Caller moderator,
      JsonObject item,
      TargetType type,
      List<Long> subjects,
      Decision decision,
      Consequences out) {
    JsonObject target = item.getJsonObject("target");
    long itemId = item.getLong("id");
    return switch (decision.action()) {
      case DISMISS -> Future.succeededFuture();
      case REMOVE_CONTENT ->
          switch (type) {
            case CHAT_MESSAGE ->
                shows
                    .deleteMessage(tx, moderator, item.getLong("targetId"))
                    .map(
                        after -> {
                          out.announcements.add(after);
                          out.effect.put("messageDeleted", true);
                          return null;
                        });
            case REVIEW ->
                catalog
                    .hideReview(tx, moderator.userId(), item.getLong("targetId"))
                    .map(
                        hidden -> {
                          out.effect.put("reviewHidden", true);
                          return null;
                        });
            case PRODUCT ->
                catalog
                    .archiveProduct(tx, item.getLong("targetId"))
                    .map(
                        v -> {
                          out.effect.put("productArchived", true);
                          return null;
                        });
            // stopped by the book owner before this transaction
            case MARKET_INSTRUMENT -> Future.succeededFuture();
            // a live show ends, a scheduled one is cancelled; its host is told why
            case SHOW ->
                shows
                    .takeDown(tx, item.getLong("targetId"))
                    .compose(
                        done ->
                            notifications
                                .record(
                                    tx,
                                    subjects.get(0),
                                    "moderation.show_taken_down",
                                    new JsonObject()
                                        .put("showId", item.getLong("targetId"))
                                        .put("status", done.status())
                                        .put("note", decision.note()))
                                .map(
                                    n -> {
                                      out.notices.add(n);
                                      out.announcements.add(done.announce());
                                      out.effect.put("show", done.status());
                                      return null;
                                    }));
            default -> Future.failedFuture(new IllegalStateException("refused by Action.refusal"));
          };
      case WARN_USER ->
          each(
              subjects,
              userId ->
                  notifications
                      .record(
                          tx,
                          userId,
                          "moderation.warning",
                          new JsonObject()
                              .put("itemId", itemId)
                              .put("targetType", type.wire())
                              .put("targetId", item.getValue("targetId"))
                              .put("note", decision.note()))
                      .map(
                          n -> {
                            out.notices.add(n);
                            return null;
                          }));
      case TIMEOUT_USER ->
          shows
              .timeout(
                  tx,
                  moderator,
                  target.getLong("showId"),
                  subjects.get(0),
                  decision.minutesGiven(),
                  decision.note())
              .map(
                  after -> {
                    out.announcements.add(after);
                    out.effect
                        .put("timedOutMinutes", decision.minutes())
                        .put("showId", target.getLong("showId"));
                    return null;
                  });
      case BAN_FROM_SHOW ->
          shows
              .ban(tx, moderator, target.getLong("showId"), subjects.get(0), decision.note())
              .map(
                  after -> {
                    out.announcements.add(after);
                    out.effect.put("bannedFromShow", target.getLong("showId"));
                    return null;
                  });
      case SUSPEND_USER ->
          each(
              subjects,
              userId ->
                  suspensions
                      .suspend(tx, userId, decision.daysGiven())
                      .compose(
                          suspended ->
                              notifications
                                  .record(
                                      tx,
                                      userId,
                                      "moderation.suspended",
                                      new JsonObject()
                                          .put("until", suspended.until().toString())
                                          .put("days", decision.days())
                                          .put("note", decision.note()))
                                  .map(
                                      n -> {
                                        out.notices.add(n);
                                        out.announcements.add(
                                            () -> {
                                              suspensions.announce(suspended);
                                              return Future.succeededFuture();
                                            });
                                        out.effect.put(
                                            "suspendedUntil", suspended.until().toString());
                                        return null;
                                      })));
    };
  }

  /**
   * Upheld or dismissed, with a notification to each reporter (they see the outcome, not who
   * decided).
   */
  private Future<Void> resolveReports(
      SqlConnection tx, long itemId, Action action, Consequences out) {
    String outcome = action.upholds() ? "upheld" : "dismissed";
    return tx.preparedQuery(RESOLVE_REPORTS)
        .execute(Tuple.of(itemId, outcome))
        .compose(
            rows -> {
              List<JsonObject> resolved = new ArrayList<>();
              rows.forEach(
                  r ->
                      resolved.add(
                          new JsonObject()
                              .put("reportId", r.getLong("id"))
                              .put("reporterId", r.getLong("reporter_id"))
                              .put("targetType", r.getString("target_type"))
                              .put("targetId", r.getString("target_id"))));
              out.effect.put(
                  "reports" + (action.upholds() ? "Upheld" : "Dismissed"), resolved.size());
              Future<Void> done = Future.succeededFuture();
              for (JsonObject report : resolved) {
                long reporter = (Long) report.remove("reporterId");
                done =
                    done.compose(
                        v ->
                            notifications
                                .record(
                                    tx, reporter, "report.resolved", report.put("outcome", outcome))
                                .map(
                                    n -> {
                                      out.notices.add(n);
                                      return null;
                                    }));
              }
              return done;
            });
  }

  private Future<JsonObject> announce(Consequences out) {
    Future<Void> done = Future.succeededFuture();
    for (AfterCommit after : out.announcements) {
      done = done.compose(v -> PostCommit.<Void>then("a moderation action", after::run, null));
    }
    for (Notification notice : out.notices) {
      done = done.compose(v -> notifications.publish(notice));
    }
    return done.map(out.effect);
  }

  /**
   * Moderators and admins are not suspended from the queue: an admin takes their role away first.
   */
  private Future<Void> refuseStaff(Action action, List<Long> subjects) {
    if (action != Action.SUSPEND_USER) {
      return Future.succeededFuture();
    }
    return db.query(STAFF, Tuple.of(subjects.toArray(new Long[0])))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Refused.conflict(
                            "cannot_moderate_staff",
                            "Moderators and admins cannot be suspended; revoke the role first")));
  }

  private static List<Long> subjects(JsonObject item) {
    List<Long> ids = new ArrayList<>();
    item.getJsonArray("subjectUserIds").forEach(id -> ids.add(((Number) id).longValue()));
    return ids;
  }

  private interface PerUser {
    Future<Void> apply(long userId);
  }

  private static Future<Void> each(List<Long> users, PerUser work) {
    Future<Void> done = Future.succeededFuture();
    for (long userId : users.stream().distinct().toList()) {
      done = done.compose(v -> work.apply(userId));
    }
    return done;
  }
}
