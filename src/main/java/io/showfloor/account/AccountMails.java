package io.showfloor.account;

import io.showfloor.notify.MailOutbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The mails accounts send, queued in the caller's transaction. Links point at the web app's pages
 * ({@code /verify}, {@code /reset-password}); the text part carries the token in full so it can be
 * pasted, and read back from the dev mailbox in tests.
 */
final class AccountMails {
  private final MailOutbox outbox;
  private final String publicUrl;
  private final int verifyHours;
  private final int resetMinutes;

  AccountMails(MailOutbox outbox, String publicUrl, int verifyHours, int resetMinutes) {
    this.outbox = outbox;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.verifyHours = verifyHours;
    this.resetMinutes = resetMinutes;
  }

  Future<Void> verification(
      SqlConnection conn, String to, String name, OneTimeTokens.Issued token) {
    String link = publicUrl + "/verify?token=" + token.secret();
    String text =
        "Hi "
            + name
            + ",\n\n"
            + "Welcome to Showfloor! Confirm your email address by opening this link:\n\n"
            + link
            + "\n\n"
            + "Or enter this code on the verification page: "
            + token.secret()
            + "\n\n"
            + "The link works for "
            + verifyHours
            + " hours. If you did not sign up, ignore this mail.\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>Welcome to Showfloor! Confirm your email address:</p>"
            + "<p><a href=\""
            + link
            + "\">Verify my email</a></p>"
            + "<p>The link works for "
            + verifyHours
            + " hours. If you did not sign up, ignore this mail.</p>";
    return outbox.enqueue(
        conn,
        to,
        "Confirm your Showfloor email address",
        text,
        html,
        "account-token:" + token.id());
  }

  Future<Void> passwordReset(
      SqlConnection conn, String to, String name, OneTimeTokens.Issued token) {
    String link = publicUrl + "/reset-password?token=" + token.secret();
    String text =
        "Hi "
            + name
            + ",\n\n"
            + "Someone asked to reset the password of your Showfloor account. Choose a new one here:\n\n"
            + link
            + "\n\n"
            + "Reset code: "
            + token.secret()
            + "\n\n"
            + "The link works once, for "
            + resetMinutes
            + " minutes. If it was not you, ignore this mail: "
            + "your password stays as it is.\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>Someone asked to reset the password of your Showfloor account.</p>"
            + "<p><a href=\""
            + link
            + "\">Choose a new password</a></p>"
            + "<p>The link works once, for "
            + resetMinutes
            + " minutes. If it was not you, ignore this mail.</p>";
    return outbox.enqueue(
        conn, to, "Reset your Showfloor password", text, html, "account-token:" + token.id());
  }

  /** After a password reset: which API keys it revoked, so a bot's owner knows what to replace. */
  Future<Void> apiKeysRevoked(
      SqlConnection conn, String to, String name, List<ApiKeys.Revoked> keys, String dedupeKey) {
    StringBuilder text =
        new StringBuilder(
            "Hi "
                + name
                + ",\n\n"
                + "Your Showfloor password was just reset, so the API keys of your account were revoked:\n\n");
    StringBuilder html =
        new StringBuilder(
            "<p>Hi "
                + escape(name)
                + ",</p><p>Your Showfloor password was just reset, "
                + "so the API keys of your account were revoked:</p><ul>");
    for (ApiKeys.Revoked key : keys) {
      text.append("- ").append(key.name()).append(" (").append(key.prefix()).append("…)\n");
      html.append("<li>")
          .append(escape(key.name()))
          .append(" (<code>")
          .append(escape(key.prefix()))
          .append("…</code>)</li>");
    }
    text.append(
        "\nCreate new keys on your account page for the bots that still need one. "
            + "If you did not reset your password, reset it again now and contact us.\n");
    html.append(
        "</ul><p>Create new keys on your account page for the bots that still need one. "
            + "If you did not reset your password, reset it again now and contact us.</p>");
    return outbox.enqueue(
        conn,
        to,
        "Your Showfloor API keys were revoked",
        text.toString(),
        html.toString(),
        dedupeKey);
  }

  void nudge() {
    outbox.nudge();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
