package io.showfloor.notify;

import com.resend.core.exception.ResendException;
import com.resend.core.net.RequestOptions;
import com.resend.services.emails.Emails;
import com.resend.services.emails.model.CreateEmailOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;

/**
 * Sends through Resend (resend-java, blocking OkHttp, so on a worker thread). The outbox row's
 * delivery key goes out as Resend's Idempotency-Key: Resend keeps it for 24 hours, far longer than
 * our retry schedule, so a repeated send of the same row is answered without sending again.
 */
public final class ResendMail implements MailPort {
  // Resend answers these when the request itself is wrong; sending it again cannot succeed
  private static final Set<Integer> PERMANENT = Set.of(400, 401, 403, 404, 405, 422);

  private final Vertx vertx;
  private final Emails emails;
  private final String from;

  public ResendMail(Vertx vertx, Emails emails, String from) {
    this.vertx = vertx;
    this.emails = emails;
    this.from = from;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    CreateEmailOptions.Builder options =
        CreateEmailOptions.builder()
            .from(from)
            .to(mail.to())
            .subject(mail.subject())
            .text(mail.text());
    if (mail.html() != null) {
      options.html(mail.html());
    }
    RequestOptions request = RequestOptions.builder().setIdempotencyKey(mail.deliveryKey()).build();
    return vertx.executeBlocking(
        () -> {
          try {
            emails.send(options.build(), request);
            return null;
          } catch (ResendException e) {
            Integer status = e.getStatusCode();
            if (status != null && PERMANENT.contains(status)) {
              throw new MailRejected(
                  "Resend refused the mail (" + status + "): " + e.getMessage(), e);
            }
            throw e;
          }
        },
        false);
  }
}
