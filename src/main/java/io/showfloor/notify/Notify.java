package io.showfloor.notify;

import com.resend.Resend;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.infra.PolledCount;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail and in-app notifications. Mail goes through one {@link MailPort}: Resend when
 * {@code mail.resendApiKey} (RESEND_API_KEY) is set, otherwise the {@link LocalMailbox}, whose
 * contents GET /api/dev/mailbox shows to loopback callers (404 to others, and while Resend is in use).
 */
public final class Notify implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Notify.class);
  private final Platform platform;
  private final MailPort mailPort;
  private final MailOutbox outbox;
  private final Notifications notifications;

  public Notify(Platform platform) {
    this.platform = platform;
    Settings settings = platform.settings();
    String from = settings.string("mail.from", "Showfloor <no-reply@showfloor.local>");
    String resendKey = settings.string("mail.resendApiKey", null);
    this.mailPort = resendKey != null
        ? new ResendMail(platform.vertx(), new Resend(resendKey).emails(), from)
        : new LocalMailbox(platform.db(), from);
    this.outbox = new MailOutbox(platform.vertx());
    this.notifications = new Notifications(platform.db(), platform.events());
    PolledCount.register(platform, "showfloor.mail.outbox.backlog",
        "Mails waiting in the outbox to be sent or retried (the whole cluster)",
        "SELECT count(*) FROM mail_outbox WHERE status IN ('pending', 'sending')");
  }

  public MailOutbox outbox() { return outbox; }

  public Notifications notifications() { return notifications; }

  public MailPort mailPort() { return mailPort; }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(api -> api
        .on("getDevMailbox", this::devMailbox)
        .on("listNotifications", this::listNotifications)
        .on("readNotification", this::readNotification)
        .on("readAllNotifications", this::readAllNotifications));
  }

  @Override
  public Future<Void> start() {
    Settings settings = platform.settings();
    MailDelivery delivery = new MailDelivery(platform.db(), mailPort, settings.integer("mail.maxAttempts", 8),
        settings.longValue("mail.retryBaseMillis", 5_000), settings.integer("mail.claimSeconds", 60), 20);
    if (mailPort.isLocal()) {
      LOG.info("Mail goes through the local mailbox: GET /api/dev/mailbox answers this machine only "
          + "(a loopback TCP peer, not through a proxy; X-Forwarded-For never grants it), 404 to everyone else");
    } else {
      LOG.info("Mail goes through Resend");
    }
    String publicUrl = settings.string("http.publicUrl", "http://localhost:8080");
    if (mailPort.isLocal() && !publicUrl.matches("https?://(localhost|127\\.0\\.0\\.1)([:/].*)?")) {
      LOG.warn("No RESEND_API_KEY on a node published at " + publicUrl + ": mail is NOT sent (it waits in the "
          + "local mailbox, readable only on this machine). Set RESEND_API_KEY in production.");
    }
    return platform.vertx().deployVerticle(new MailDeliveryVerticle(delivery, settings.longValue("mail.pollMillis", 500),
        settings.longValue("mail.nudgeMillis", 20)),
        new DeploymentOptions()).mapEmpty();
  }

  private Future<Reply> devMailbox(ApiRequest request) {
    if (!(mailPort instanceof LocalMailbox mailbox) || !request.fromThisMachine()) {
      // the route exists only while the local mailbox is in use, and only for this machine: it holds
      // password-reset links, and the node listens on every interface
      return Future.failedFuture(ApiError.notFound("not_found", "No such resource"));
    }
    return mailbox.list(request.query("to"), (int) request.queryLong("limit", 50)).map(Reply::ok);
  }

  private Future<Reply> listNotifications(ApiRequest request) {
    return request.user().compose(caller -> notifications.list(caller.userId(),
            "true".equals(request.query("unread")), (int) request.queryLong("limit", 50),
            request.query("before") == null ? null : request.queryLong("before", 0)))
        .map(Reply::ok);
  }

  private Future<Reply> readNotification(ApiRequest request) {
    return request.user().compose(caller -> notifications.markRead(caller.userId(), request.pathLong("id")))
        .map(found -> {
          if (!found) {
            throw ApiError.notFound("notification_not_found", "No such notification");
          }
          return Reply.noContent();
        });
  }

  private Future<Reply> readAllNotifications(ApiRequest request) {
    return request.user().compose(caller -> notifications.markAllRead(caller.userId())).map(n -> Reply.noContent());
  }
}
