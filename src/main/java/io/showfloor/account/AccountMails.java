package io.showfloor.account;

import io.showfloor.notify.Mail;
import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;

/**
 * The mails accounts send, queued in the caller's transaction, from the templates in {@code
 * resources/mail/}. Links point at the web app's pages ({@code /verify}, {@code /reset-password});
 * the text part carries the token in full so it can be pasted, and read back from the dev mailbox
 * in tests.
 */
final class AccountMails {
  private final MailOutbox outbox;
  private final MailTemplates templates = MailTemplates.shared();
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
    Mail mail =
        templates.render(
            "verification",
            "Confirm your Showfloor email address",
            Map.of(
                "name",
                name,
                "link",
                publicUrl + "/verify?token=" + token.secret(),
                "code",
                token.secret(),
                "hours",
                verifyHours));
    return outbox.enqueue(conn, to, mail, "account-token:" + token.id());
  }

  Future<Void> passwordReset(
      SqlConnection conn, String to, String name, OneTimeTokens.Issued token) {
    Mail mail =
        templates.render(
            "password-reset",
            "Reset your Showfloor password",
            Map.of(
                "name",
                name,
                "link",
                publicUrl + "/reset-password?token=" + token.secret(),
                "code",
                token.secret(),
                "minutes",
                resetMinutes));
    return outbox.enqueue(conn, to, mail, "account-token:" + token.id());
  }

  /** After a password reset: which API keys it revoked, so a bot's owner knows what to replace. */
  Future<Void> apiKeysRevoked(
      SqlConnection conn, String to, String name, List<ApiKeys.Revoked> keys, String dedupeKey) {
    List<Map<String, String>> listed =
        keys.stream().map(key -> Map.of("name", key.name(), "prefix", key.prefix())).toList();
    Mail mail =
        templates.render(
            "api-keys-revoked",
            "Your Showfloor API keys were revoked",
            Map.of("name", name, "keys", listed));
    return outbox.enqueue(conn, to, mail, dedupeKey);
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
    return outbox.enqueue(
        conn, to, templates.notice("Your Showfloor password was changed", text), dedupeKey);
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
    return outbox.enqueue(
        conn,
        to,
        templates.notice("Confirm your new Showfloor email address", text),
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
    String subject =
        done
            ? "Your Showfloor email address was changed"
            : "A change of your Showfloor email address";
    return outbox.enqueue(conn, to, templates.notice(subject, text), dedupeKey);
  }

  /** The last mail an account gets: what was deleted and what was kept. */
  Future<Void> accountDeleted(SqlConnection conn, String to, String name, long userId) {
    String text =
        "Hi "
            + name
            + ",\n\nYour Showfloor account was deleted. Your name, email address, picture, password,"
            + " sessions, API keys, saved settings and notifications are gone. Orders and payments"
            + " stay in our books, as the law requires, under an anonymous account.\n";
    return outbox.enqueue(
        conn,
        to,
        templates.notice("Your Showfloor account was deleted", text),
        "account-deleted:" + userId);
  }

  void nudge() {
    outbox.nudge();
  }
}
