package io.showfloor.platform.infra;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * A job that runs on one node of the cluster at a time, decided by a lease row in PostgreSQL
 * ({@code platform_leases}), as the market's book owners are: the holder renews it on every pass;
 * another node takes it only once it has expired or been released. A node that is not clustered
 * takes it at once (no other node can exist, and its own previous run's lease must not delay it).
 */
public final class NamedLease {
  // one statement takes a free lease or renews our own; a live lease of another node is left alone
  private static final String HOLD =
      """
      INSERT INTO platform_leases (name, node_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::int))
      ON CONFLICT (name) DO UPDATE SET node_id = excluded.node_id, expires_at = excluded.expires_at,
        taken_at = CASE WHEN platform_leases.node_id = excluded.node_id THEN platform_leases.taken_at ELSE now() END
      WHERE platform_leases.node_id = excluded.node_id OR platform_leases.expires_at < now() OR $4
      RETURNING node_id""";
  private static final String RELEASE =
      "UPDATE platform_leases SET expires_at = now() - interval '1 second' WHERE name = $1 AND node_id = $2";

  private final Database db;
  private final String name;
  private final String nodeId;
  private final int ttlSeconds;
  private final boolean takeAtOnce;

  /**
   * @param takeAtOnce true on a node that is not clustered
   */
  public NamedLease(Database db, String name, String nodeId, int ttlSeconds, boolean takeAtOnce) {
    this.db = db;
    this.name = name;
    this.nodeId = nodeId;
    this.ttlSeconds = ttlSeconds;
    this.takeAtOnce = takeAtOnce;
  }

  /** Takes or renews the lease; true while this node holds it. */
  public Future<Boolean> hold() {
    return db.query(HOLD, Tuple.of(name, nodeId, ttlSeconds, takeAtOnce))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Hands the lease over at once instead of letting it run out (a stopping node). */
  public Future<Void> release() {
    return db.query(RELEASE, Tuple.of(name, nodeId)).mapEmpty();
  }
}
