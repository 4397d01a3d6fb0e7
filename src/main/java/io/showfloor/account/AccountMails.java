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

  void nudge() {
    outbox.nudge();
  }
}
