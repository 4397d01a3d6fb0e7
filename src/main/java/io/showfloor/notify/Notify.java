package io.showfloor.notify;

import com.resend.Resend;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.PageRoutes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail and in-app notifications. Mail goes through one {@link MailPort}: Resend when {@code
 * mail.resendApiKey} (RESEND_API_KEY) is set, otherwise the {@link LocalMailbox}, whose contents
 * GET /api/dev/mailbox shows to loopback callers (404 to others, and while Resend is in use).
 */
public final class Notify implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Notify.class);
  private final Platform platform;
  private final NotifySettings settings;
  private final MailPort mailPort;
  private final MailOutbox outbox;
  private final Notifications notifications;
  private final NotificationPreferences preferences;
  private final PersonalRecords personalRecords = new PersonalRecords();

  public Notify(Platform platform) {
    this.platform = platform;
    this.settings = NotifySettings.from(platform.settings());
    String resendKey = settings.resendApiKey();
    this.mailPort =
        resendKey != null
            ? new ResendMail(platform.vertx(), new Resend(resendKey).emails(), settings.from())
            : new LocalMailbox(platform.db(), settings.from());
    this.outbox = new MailOutbox(platform.vertx());
    this.notifications = new Notifications(platform.db(), platform.events());
    this.preferences = new NotificationPreferences(platform.db());
    platform
        .polledCounts()
        .register(
            "showfloor.mail.outbox.backlog",
            "Mails waiting in the outbox to be sent or retried (the whole cluster)",
            // one count per partial index (V003): status IN (both) matches neither index's
            // predicate and counted every mail ever sent (0.4 s a poll after a busy hour)
            "SELECT (SELECT count(*) FROM mail_outbox WHERE status = 'pending')"
                + " + (SELECT count(*) FROM mail_outbox WHERE status = 'sending')");
  }

  public MailOutbox outbox() {
    return outbox;
  }

  public Notifications notifications() {
    return notifications;
  }

  /** Each user's switches, per topic and channel, and the kinds that keep switches of their own. */
  public NotificationPreferences preferences() {
    return preferences;
  }

  /** What notify keeps about a person, for their export and their account's deletion. */
  public PersonalRecords personalRecords() {
    return personalRecords;
  }

  public MailPort mailPort() {
    return mailPort;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new NotifyEndpoints(mailPort, notifications, preferences));
  }

  /** The dev mailbox page, while mail goes to the local mailbox (loopback callers only). */
  @Override
  public List<PageRoutes> pages() {
    return mailPort instanceof LocalMailbox mailbox
        ? List.of(new DevMailboxEndpoints(mailbox))
        : List.of();
  }

  @Override
  public Future<Void> start() {
    MailDelivery delivery =
        new MailDelivery(
            platform.db(),
            mailPort,
            settings.maxAttempts(),
            settings.retryBaseMillis(),
            settings.claimSeconds(),
            20);
    if (mailPort.isLocal()) {
      LOG.info(
          "Mail goes through the local mailbox: GET /api/dev/mailbox and the page /dev/mailbox answer this machine only "
              + "(a loopback TCP peer, not through a proxy; X-Forwarded-For never grants it), 404 to everyone else");
    } else {
      LOG.info("Mail goes through Resend");
    }
    if (mailPort.isLocal() && settings.publishedBeyondLocalhost()) {
      LOG.warn(
          "No RESEND_API_KEY on a node published at "
              + settings.publicUrl()
              + ": mail is NOT sent (it waits in the "
              + "local mailbox, readable only on this machine). Set RESEND_API_KEY in production.");
    }
    return platform
        .vertx()
        .deployVerticle(
            new MailDeliveryVerticle(delivery, settings.pollMillis(), settings.nudgeMillis()),
            new DeploymentOptions())
        .mapEmpty();
  }
}
