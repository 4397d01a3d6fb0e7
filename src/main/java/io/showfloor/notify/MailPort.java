package io.showfloor.notify;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Where outbox mail leaves the program: Resend when RESEND_API_KEY is set, otherwise the local
 * mailbox. A send may be repeated for the same mail (a node died after sending, before recording
 * it); implementations drop the repeat by {@link OutgoingMail#deliveryKey()}.
 */
public interface MailPort {
  /**
   * Succeeds once the mail is accepted; fails with {@link MailRejected} when retrying cannot help.
   */
  Future<Void> send(OutgoingMail mail);

  /**
   * Sends a batch the delivery run claimed: one future per mail, in order, each failing the way
   * {@link #send} does. One send per mail unless the port can do better (the local mailbox stores
   * the batch in one statement).
   */
  default List<Future<Void>> sendAll(List<OutgoingMail> mails) {
    List<Future<Void>> sent = new ArrayList<>(mails.size());
    for (OutgoingMail mail : mails) {
      try {
        sent.add(send(mail));
      } catch (RuntimeException e) {
        sent.add(Future.failedFuture(e));
      }
    }
    return sent;
  }

  /** True for the local mailbox, which the dev-only /api/dev/mailbox reads. */
  default boolean isLocal() {
    return false;
  }
}
