package io.showfloor.notify;

/**
 * The provider refused the mail for good (bad address, bad key …): no retry, the row is marked
 * failed.
 */
public final class MailRejected extends RuntimeException {
  public MailRejected(String message, Throwable cause) {
    super(message, cause);
  }
}
