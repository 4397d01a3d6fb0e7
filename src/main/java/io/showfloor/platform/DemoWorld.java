package io.showfloor.platform;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plants the --demo world: every domain's {@link DemoSeed}s, in wiring order (accounts first, so
 * later seeds can find the demo users). Each seed runs in one transaction with its marker row in
 * {@code demo_seeds}; a seed already recorded is skipped, and two nodes starting together plant it
 * once (the second waits on the first's marker row, then sees it).
 */
public final class DemoWorld {
  private static final Logger LOG = LoggerFactory.getLogger(DemoWorld.class);

  private DemoWorld() {}

  public static Future<Void> plant(Database db, List<DemoSeed> seeds) {
    Future<Void> chain = Future.succeededFuture();
    for (DemoSeed seed : seeds) {
      chain =
          chain.compose(
              v ->
                  db.tx(
                          conn ->
                              conn.preparedQuery(
                                      "INSERT INTO demo_seeds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name")
                                  .execute(Tuple.of(seed.name()))
                                  .compose(
                                      rows -> {
                                        if (rows.rowCount() == 0) {
                                          return Future.succeededFuture(false);
                                        }
                                        return seed.plant().apply(conn).map(true);
                                      }))
                      .map(
                          planted -> {
                            LOG.info(
                                planted ? "Demo: planted {}" : "Demo: {} was already planted",
                                seed.name());
                            return null;
                          }));
    }
    return chain;
  }
}
