package io.showfloor.notify;

import io.vertx.core.Future;

/**
 * Where outbox mail leaves the program: Resend when RESEND_API_KEY is set, otherwise the local
 * mailbox. A send may be repeated for the same mail (a node died after sending, before recording
 * it); implementations drop the repeat by {@link OutgoingMail#deliveryKey()}.
 */
public interface MailPort {
  /** Succeeds once the mail is accepted; fails with {@link MailRejected} when retrying cannot help. */
  Future<Void> send(OutgoingMail mail);

  /** True for the local mailbox, which the dev-only /api/dev/mailbox reads. */
  default boolean isLocal() {
    return false;
  }
}
