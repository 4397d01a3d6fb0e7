package io.showfloor.notify;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;

/**
 * The caller's in-app notifications (/api/me/notifications…) and, on this machine only, the local
 * mailbox.
 */
final class NotifyEndpoints implements ApiRoutes {
  private final MailPort mailPort;
  private final Notifications notifications;
  private final NotificationPreferences preferences;

  NotifyEndpoints(
      MailPort mailPort, Notifications notifications, NotificationPreferences preferences) {
    this.mailPort = mailPort;
    this.notifications = notifications;
    this.preferences = preferences;
  }

  @Override
  public void mount(Api api) {
    api.on("getDevMailbox", this::devMailbox)
        .on("listNotifications", this::listNotifications)
        .on("readNotification", this::readNotification)
        .on("readAllNotifications", this::readAllNotifications)
        .on(
            "getNotificationPreferences",
            r -> r.user().compose(c -> preferences.of(c.userId())).map(Reply::ok))
        .on(
            "setNotificationPreferences",
            r ->
                r.user()
                    .compose(c -> preferences.set(c.userId(), r.body().getJsonArray("topics")))
                    .map(Reply::ok));
  }

  private Future<Reply> devMailbox(ApiRequest request) {
    if (!(mailPort instanceof LocalMailbox mailbox) || !request.fromThisMachine()) {
      // the route exists only while the local mailbox is in use, and only for this machine: it
      // holds
      // password-reset links, and the node listens on every interface
      return Future.failedFuture(ApiError.notFound("not_found", "No such resource"));
    }
    return mailbox.list(request.query("to"), (int) request.queryLong("limit", 50)).map(Reply::ok);
  }

  private Future<Reply> listNotifications(ApiRequest request) {
    return request
        .user()
        .compose(
            caller ->
                notifications.list(
                    caller.userId(),
                    "true".equals(request.query("unread")),
                    (int) request.queryLong("limit", 50),
                    request.query("before") == null ? null : request.queryLong("before", 0)))
        .map(Reply::ok);
  }

  private Future<Reply> readNotification(ApiRequest request) {
    return request
        .user()
        .compose(caller -> notifications.markRead(caller.userId(), request.pathLong("id")))
        .map(
            found -> {
              if (!found) {
                throw ApiError.notFound("notification_not_found", "No such notification");
              }
              return Reply.noContent();
            });
  }

  private Future<Reply> readAllNotifications(ApiRequest request) {
    return request
        .user()
        .compose(caller -> notifications.markAllRead(caller.userId()))
        .map(n -> Reply.noContent());
  }
}
