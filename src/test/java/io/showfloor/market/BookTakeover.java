package io.showfloor.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.market.trading.BookOwnership;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * What a restart or a fail-over does to a book, done in one step: the lease is made to look held by
 * a node that died, and this node's next ownership round takes the book over, rebuilding it from
 * PostgreSQL (as a restarted node or a surviving one does).
 */
final class BookTakeover {
  private BookTakeover() {}

  static void rebuildFromDatabase(String symbol) {
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE market_leases SET node_id = 'departed-node', "
                + "expires_at = now() - interval '1 second' WHERE symbol = $1",
            Tuple.of(symbol))
        .await();
    JsonObject answer =
        TestNode.get()
            .vertx()
            .eventBus()
            .<JsonObject>request(BookOwnership.TAKE_ADDRESS, symbol)
            .await()
            .body();
    assertEquals(true, answer.getBoolean("owned"), answer.encode());
  }
}
