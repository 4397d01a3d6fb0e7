package io.showfloor.platform.infra;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the Flyway migrations from sql/ (packaged as db/migration) before any verticle starts. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static void run(DatabaseUrl url) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(url.jdbcUrl(), url.user(), url.password())
            .locations("classpath:db/migration")
            // migrations are numbered by domain (docs/DEVELOPING.md), so a new commerce migration
            // (V03x)
            // lands below market's (V05x) on databases that already have those: apply it, don't
            // refuse
            .outOfOrder(true)
            .load();
    org.flywaydb.core.api.output.MigrateResult result;
    try {
      result = flyway.migrate();
    } catch (RuntimeException e) {
      // the first connection of a start: a TLS setting that does not fit the server stops start-up
      // in one line
      throw url.tlsRefusal(e).map(RuntimeException.class::cast).orElse(e);
    }
    // the highest version applied, not the last one run now (with out-of-order runs they differ)
    LOG.info(
        "Database schema at version {} ({} migrations applied now)",
        flyway.info().current().getVersion(),
        result.migrationsExecuted);
  }
}
