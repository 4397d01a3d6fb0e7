package io.showfloor.moderation;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Reports (any verified user), the queue, decisions, suspending and lifting suspensions from the
 * console, and the audit trail (moderators and admins).
 */
final class ModerationEndpoints implements ApiRoutes {
  private final Reports reports;
  private final Queue queue;
  private final QueueActions actions;
  private final ConsoleSuspensions suspensions;
  private final SuspensionLifts lifts;
  private final AuditTrail audit;

  ModerationEndpoints(
      Reports reports,
      Queue queue,
      QueueActions actions,
      ConsoleSuspensions suspensions,
      SuspensionLifts lifts,
      AuditTrail audit) {
    this.reports = reports;
    this.queue = queue;
    this.actions = actions;
    this.suspensions = suspensions;
    this.lifts = lifts;
    this.audit = audit;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "fileReport",
            r ->
                r.verifiedUser()
                    .compose(c -> reports.file(c, r.body()))
                    .map(
                        filed ->
                            filed.created()
                                ? Reply.created(filed.report())
                                : Reply.ok(filed.report())))
        .on(
            "listMyReports",
            r ->
                r.user()
                    .compose(c -> reports.mine(c, r.query("status"), limit(r), before(r)))
                    .map(Reply::ok))
        .on(
            "listModerationQueue",
            r ->
                r.withRole("moderator")
                    .compose(
                        c ->
                            queue.page(
                                r.query("status") == null ? "open" : r.query("status"),
                                r.query("targetType"),
                                limit(r),
                                before(r)))
                    .map(Reply::ok))
        .on(
            "getModerationItem",
            r -> r.withRole("moderator").compose(c -> queue.get(r.pathLong("id"))).map(Reply::ok))
        .on(
            "actOnModerationItem",
            r ->
                r.withRole("moderator")
                    .compose(c -> actions.act(c, r.pathLong("id"), decision(r.body())))
                    .map(Reply::ok))
        .on(
            "suspendUser",
            r ->
                r.withRole("moderator")
                    .compose(c -> suspensions.suspend(c, r.pathLong("id"), suspension(r.body())))
                    .map(Reply::ok))
        .on(
            "liftSuspension",
            r ->
                r.withRole("moderator")
                    .compose(c -> lifts.lift(c, r.pathLong("id"), r.body().getString("note")))
                    .map(Reply::ok))
        .on("listModerationAudit", this::audit);
  }

  private Future<Reply> audit(ApiRequest r) {
    return r.withRole("moderator")
        .compose(
            c ->
                audit.page(
                    new AuditTrail.Filter(
                        optionalLong(r, "actorId"),
                        r.query("targetType"),
                        r.query("targetId"),
                        r.query("action"),
                        r.query("source"),
                        optionalLong(r, "subjectUserId"),
                        optionalLong(r, "itemId"),
                        optionalLong(r, "showId")),
                    limit(r),
                    before(r)))
        .map(Reply::ok);
  }

  /**
   * A decision's needs the contract cannot express: minutes only for timeout_user, days only for
   * suspend_user.
   */
  private static QueueActions.Decision decision(JsonObject body) {
    Action action = Action.parse(body.getString("action"));
    Integer minutes = body.getInteger("minutes");
    Integer days = body.getInteger("days");
    if ((action == Action.TIMEOUT_USER) != (minutes != null)) {
      throw ApiError.validation("minutes is required for timeout_user and only for it");
    }
    if ((action == Action.SUSPEND_USER) != (days != null)) {
      throw ApiError.validation("days is required for suspend_user and only for it");
    }
    String note = body.getString("note");
    return new QueueActions.Decision(
        action, minutes, days, note == null || note.isBlank() ? null : note.strip());
  }

  /** Days or permanent, never both, and a note that says why. */
  private static ConsoleSuspensions.Request suspension(JsonObject body) {
    Integer days = body.getInteger("days");
    boolean permanent = Boolean.TRUE.equals(body.getBoolean("permanent"));
    if ((days == null) == !permanent) {
      throw ApiError.validation(
          "Give either days (1 to " + Action.MAX_SUSPENSION_DAYS + ") or permanent: true");
    }
    String note = body.getString("note") == null ? "" : body.getString("note").strip();
    if (note.isEmpty()) {
      throw ApiError.validation("note must say why");
    }
    return new ConsoleSuspensions.Request(days, permanent, note);
  }

  private static int limit(ApiRequest r) {
    return (int) r.queryLong("limit", 50);
  }

  private static long before(ApiRequest r) {
    return r.queryLong("before", Long.MAX_VALUE);
  }

  private static @Nullable Long optionalLong(ApiRequest r, String name) {
    return r.query(name) == null ? null : r.queryLong(name, 0);
  }
}
