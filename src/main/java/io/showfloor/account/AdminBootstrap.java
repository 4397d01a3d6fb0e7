package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD at start-up: created verified with that
 * password, or, when the account exists, promoted to admin and marked verified (its password is
 * left alone, so a password changed since is not put back). Safe on every start and every node.
 */
final class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  static Future<Void> run(AccountSettings settings, Database db, PasswordHasher hasher) {
    String rawEmail = settings.adminEmail();
    String password = settings.adminPassword();
    if (rawEmail == null && password == null) {
      LOG.info("No ADMIN_EMAIL / ADMIN_PASSWORD set: no admin account is made at start-up");
      return Future.succeededFuture();
    }
    if (rawEmail == null || password == null) {
      return Future.failedFuture(
          new ConfigException("Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither"));
    }
    String email;
    try {
      email = Identity.email(rawEmail);
    } catch (Refused e) {
      return Future.failedFuture(
          new ConfigException("ADMIN_EMAIL is not an email address: " + rawEmail));
    }
    return hasher
        .screen(password, email, null)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof Refused weak
                        ? new ConfigException("ADMIN_PASSWORD is refused: " + weak.detail())
                        : e))
        .compose(ok -> hasher.hash(password))
        .compose(
            hash ->
                db.one(
                    AccountSql.UPSERT_VERIFIED,
                    Tuple.of(email, "Admin", hash, new String[] {"viewer", "admin"})))
        .onSuccess(
            row ->
                LOG.info(
                    row.getBoolean("created")
                        ? "Admin account {} created"
                        : "Admin account {} is admin",
                    email))
        .mapEmpty();
  }
}
