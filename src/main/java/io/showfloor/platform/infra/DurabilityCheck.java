package io.showfloor.platform.infra;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged means durable: a reply goes out after the commit, so the commit must be on disk. An
 * external PostgreSQL is the operator's to configure; we read its settings at start-up and say in
 * one WARN line when an acknowledged write could be lost in a crash.
 */
public final class DurabilityCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DurabilityCheck.class);

  private DurabilityCheck() {}

  /**
   * Reads the settings as our own sessions see them (they can be set per role or database) and
   * warns once if weak.
   */
  public static Future<Void> warnIfWeak(Database db) {
    return db.one(
            "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit, "
                + "current_setting('full_page_writes') AS full_page_writes",
            Tuple.tuple())
        .map(DurabilityCheck::warning)
        .onSuccess(warning -> warning.ifPresent(LOG::warn))
        .mapEmpty();
  }

  private static Optional<String> warning(Row row) {
    return warning(
        row.getString("fsync"),
        row.getString("synchronous_commit"),
        row.getString("full_page_writes"));
  }

  /**
   * The warning for these settings, if any. {@code synchronous_commit} values other than {@code
   * off} (local, remote_write, on, remote_apply) all flush the commit locally before it is
   * acknowledged.
   */
  public static Optional<String> warning(
      String fsync, String synchronousCommit, String fullPageWrites) {
    List<String> weak = new ArrayList<>();
    if ("off".equalsIgnoreCase(fsync)) {
      weak.add("fsync=off");
    }
    if ("off".equalsIgnoreCase(synchronousCommit)) {
      weak.add("synchronous_commit=off");
    }
    if ("off".equalsIgnoreCase(fullPageWrites)) {
      weak.add("full_page_writes=off");
    }
    if (weak.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "PostgreSQL runs with "
            + String.join(", ", weak)
            + ": writes this node acknowledges can be lost"
            + (weak.contains("full_page_writes=off") ? " or the database corrupted" : "")
            + " when PostgreSQL or its machine crashes. Turn them on in postgresql.conf (or ALTER SYSTEM) for production.");
  }
}
