package io.showfloor.market.cash;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * What a trader's open market buy orders hold of their real wallet cash ({@code user:<id>:cash}). A
 * hold is a reservation, not a ledger movement: the cash stays in the wallet account, and every
 * other spender of wallet cash (withdrawals, wallet cash at checkout, the wallet's figures) takes
 * it off what is available. The market owns the data; other domains read it only through this.
 *
 * <p>Read it after locking the user's cash row ({@code Ledger.lockBalance}) in the same
 * transaction: a book commits new holds only while it holds that lock too, so the figure cannot
 * grow before the caller's transaction ends.
 */
public interface MarketHolds {

  /** Cents held by the user's open real-money buy orders, over every book. */
  Future<Long> heldCents(SqlClient client, long userId);
}
