package io.showfloor.bench;

import io.showfloor.platform.Platform;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;

/**
 * Diagnosis only (-Dbench.statements=N): where PostgreSQL's time goes per operation over the
 * measured window. Needs a server started with shared_preload_libraries=pg_stat_statements (the
 * embedded one is not; see bench/README.md). Prints the top statements by execution + planning
 * time, and per table the scans and writes, and the indexes no scan used in the window.
 */
final class StatementCosts {
  private static final String TABLES =
      """
      SELECT relname, seq_scan, seq_tup_read, COALESCE(idx_scan, 0) AS idx_scan, n_tup_ins, n_tup_upd, n_tup_hot_upd,
             n_tup_del, autovacuum_count, autoanalyze_count
      FROM pg_stat_user_tables""";
  private static final String INDEXES =
      "SELECT indexrelname, relname, idx_scan FROM pg_stat_user_indexes";
  private static Map<String, long[]> tablesAtStart = Map.of();
  private static Map<String, Long> indexesAtStart = Map.of();

  private StatementCosts() {}

  static void reset(Platform platform) {
    platform.db().query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", Tuple.tuple()).await();
    platform.db().query("SELECT pg_stat_statements_reset()", Tuple.tuple()).await();
    tablesAtStart = tables(platform);
    indexesAtStart = indexes(platform);
  }

  static void print(Platform platform, int top, long operations) {
    // statistics reach the shared counters about once a second
    try {
      Thread.sleep(1500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double ops = operations;
    System.out.printf(
        "statements (per operation over the measured window; %d operations):%n", operations);
    System.out.println(
        "  exec ms | plan ms | calls | plans | rows/call | blks hit/call | dirtied/call | WAL rec/call | query");
    for (Row r :
        platform
            .db()
            .query(
                """
        SELECT query, calls, plans, total_exec_time, total_plan_time, rows, shared_blks_hit, shared_blks_read, shared_blks_dirtied,
               wal_records
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time + total_plan_time DESC LIMIT $1""",
                Tuple.of(top))
            .await()) {
      long calls = Math.max(1, r.getLong("calls"));
      System.out.printf(
          "  %7.3f | %7.3f | %5.2f | %5.2f | %9.1f | %13.1f | %12.2f | %12.1f | %s%n",
          r.getDouble("total_exec_time") / ops,
          r.getDouble("total_plan_time") / ops,
          r.getLong("calls") / ops,
          r.getLong("plans") / ops,
          (double) r.getLong("rows") / calls,
          (double) (r.getLong("shared_blks_hit") + r.getLong("shared_blks_read")) / calls,
          (double) r.getLong("shared_blks_dirtied") / calls,
          (double) r.getLong("wal_records") / calls,
          r.getString("query")
              .replaceAll("\\s+", " ")
              .substring(0, Math.min(300, r.getString("query").replaceAll("\\s+", " ").length())));
    }
    Row total =
        platform
            .db()
            .one(
                """
        SELECT SUM(total_exec_time) AS e, SUM(total_plan_time) AS p, SUM(calls) AS c FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                Tuple.tuple())
            .await();
    System.out.printf(
        "  all statements: %.3f ms exec + %.3f ms plan, %.1f calls per operation%n",
        total.getDouble("e") / ops,
        total.getDouble("p") / ops,
        total.getNumeric("c").doubleValue() / ops);
    // statements run outside BEGIN … COMMIT are transactions of their own: they explain
    // pg_stat_database's commits
    System.out.println("  top-level statements by calls per operation:");
    for (Row r :
        platform
            .db()
            .query(
                """
        SELECT query, calls FROM pg_stat_statements
        WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY calls DESC LIMIT 25""",
                Tuple.tuple())
            .await()) {
      String q = r.getString("query").replaceAll("\\s+", " ");
      System.out.printf(
          "  %6.2f | %s%n", r.getLong("calls") / ops, q.substring(0, Math.min(160, q.length())));
    }
    System.out.println(
        "tables (per operation): seq scans, rows read by them, index scans, inserted, updated (HOT), deleted, autovacuums, autoanalyzes");
    Map<String, long[]> now = tables(platform);
    now.forEach(
        (table, v) -> {
          long[] s = tablesAtStart.getOrDefault(table, new long[v.length]);
          long[] d = new long[v.length];
          boolean moved = false;
          for (int i = 0; i < v.length; i++) {
            d[i] = v[i] - s[i];
            moved |= d[i] != 0;
          }
          if (moved) {
            System.out.printf(
                "  %-28s seq %.2f (%.0f rows) idx %.2f ins %.2f upd %.2f (%.2f) del %.2f av %d aa %d%n",
                table,
                d[0] / ops,
                d[1] / ops,
                d[2] / ops,
                d[3] / ops,
                d[4] / ops,
                d[5] / ops,
                d[6] / ops,
                d[7],
                d[8]);
          }
        });
    StringBuilder unused = new StringBuilder();
    indexes(platform)
        .forEach(
            (index, scans) -> {
              String table = index.substring(0, index.indexOf('.'));
              long[] t = now.get(table);
              long[] s = tablesAtStart.get(table);
              boolean written = t != null && s != null && t[3] - s[3] > 0;
              if (written && scans - indexesAtStart.getOrDefault(index, 0L) == 0) {
                unused.append(' ').append(index);
              }
            });
    System.out.println("indexes of tables written in the window that no scan used in it:" + unused);
  }

  private static Map<String, long[]> tables(Platform platform) {
    Map<String, long[]> map = new HashMap<>();
    for (Row r : platform.db().query(TABLES, Tuple.tuple()).await()) {
      map.put(
          r.getString("relname"),
          new long[] {
            r.getLong("seq_scan"),
            r.getLong("seq_tup_read"),
            r.getLong("idx_scan"),
            r.getLong("n_tup_ins"),
            r.getLong("n_tup_upd"),
            r.getLong("n_tup_hot_upd"),
            r.getLong("n_tup_del"),
            r.getLong("autovacuum_count"),
            r.getLong("autoanalyze_count")
          });
    }
    return map;
  }

  private static Map<String, Long> indexes(Platform platform) {
    Map<String, Long> map = new HashMap<>();
    for (Row r : platform.db().query(INDEXES, Tuple.tuple()).await()) {
      map.put(r.getString("relname") + "." + r.getString("indexrelname"), r.getLong("idx_scan"));
    }
    return map;
  }
}
