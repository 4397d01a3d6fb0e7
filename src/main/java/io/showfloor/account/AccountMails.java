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

  /** After a password change: a note to the owner, in case it was not them. */
  Future<Void> passwordChanged(SqlConnection conn, String to, String name, String dedupeKey) {
    String text =
        "Hi "
            + name
            + ",\n\nThe password of your Showfloor account was just changed, and every other session"
            + " was signed out.\n\nIf it was not you, reset your password now: "
            + publicUrl
            + "/forgot-password\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>The password of your Showfloor account was just changed, and every other"
            + " session was signed out.</p><p>If it was not you, <a href=\""
            + publicUrl
            + "/forgot-password\">reset your password now</a>.</p>";
    return outbox.enqueue(conn, to, "Your Showfloor password was changed", text, html, dedupeKey);
  }

  /** The link that proves the new address; the change happens only when it is opened. */
  Future<Void> confirmNewEmail(
      SqlConnection conn, String to, String name, OneTimeTokens.Issued token) {
    String link = publicUrl + "/confirm-email?token=" + token.secret();
    String text =
        "Hi "
            + name
            + ",\n\nConfirm this address for your Showfloor account by opening this link:\n\n"
            + link
            + "\n\nCode: "
            + token.secret()
            + "\n\nThe link works for "
            + verifyHours
            + " hours. Until then your account keeps its old address.\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>Confirm this address for your Showfloor account:</p><p><a href=\""
            + link
            + "\">Use this email address</a></p><p>The link works for "
            + verifyHours
            + " hours. Until then your account keeps its old address.</p>";
    return outbox.enqueue(
        conn,
        to,
        "Confirm your new Showfloor email address",
        text,
        html,
        "account-token:" + token.id());
  }

  /** To the old address: a change was asked for (or made), so a thief cannot do it silently. */
  Future<Void> emailChangeNotice(
      SqlConnection conn, String to, String name, String newEmail, boolean done, String dedupeKey) {
    String what =
        done
            ? "The email address of your Showfloor account is now " + newEmail + "."
            : "Someone asked to change the email address of your Showfloor account to "
                + newEmail
                + ". It changes only when that address confirms it.";
    String text =
        "Hi "
            + name
            + ",\n\n"
            + what
            + "\n\nIf it was not you, reset your password now: "
            + publicUrl
            + "/forgot-password\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>"
            + escape(what)
            + "</p><p>If it was not you, <a href=\""
            + publicUrl
            + "/forgot-password\">reset your password now</a>.</p>";
    return outbox.enqueue(
        conn,
        to,
        done
            ? "Your Showfloor email address was changed"
            : "A change of your Showfloor email address",
        text,
        html,
        dedupeKey);
  }

  /** The last mail an account gets: what was deleted and what was kept. */
  Future<Void> accountDeleted(SqlConnection conn, String to, String name, long userId) {
    String text =
        "Hi "
            + name
            + ",\n\nYour Showfloor account was deleted. Your name, email address, picture, password,"
            + " sessions, API keys, saved settings and notifications are gone. Orders and payments"
            + " stay in our books, as the law requires, under an anonymous account.\n";
    String html =
        "<p>Hi "
            + escape(name)
            + ",</p><p>"
            + escape(text.substring(text.indexOf("Your")))
            + "</p>";
    return outbox.enqueue(
        conn, to, "Your Showfloor account was deleted", text, html, "account-deleted:" + userId);
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
