package io.showfloor.market;

import io.showfloor.market.trading.BookCommand;
import io.showfloor.moderation.ListingActions;
import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.jspecify.annotations.Nullable;

/** Moderation's {@link ListingActions}, carried out with the market's own admin tools. */
final class MarketListingActions implements ListingActions {
  private final Instruments instruments;
  private final BookClient books;
  private final Surveillance surveillance;

  MarketListingActions(Instruments instruments, BookClient books, Surveillance surveillance) {
    this.instruments = instruments;
    this.books = books;
    this.surveillance = surveillance;
  }

  /**
   * A pending listing is rejected; an approved one is halted by its book owner, as an admin would.
   */
  @Override
  public Future<Stopped> stopListing(long adminId, String symbol) {
    return instruments
        .find(symbol)
        .compose(
            instrument -> {
              if (instrument == null) {
                return Future.failedFuture(
                    Refused.notFound("instrument_not_found", "No instrument " + symbol));
              }
              if (!instrument.approved()) {
                return instruments.reject(symbol).map(Stopped.REJECTED);
              }
              return books
                  .send(symbol, new BookCommand.PhaseChange(Phase.HALTED, "admin:" + adminId))
                  .map(Stopped.HALTED);
            });
  }

  @Override
  public Future<Void> reviewFlag(
      SqlConnection tx, long moderatorId, long flagId, boolean confirmed, @Nullable String note) {
    return surveillance
        .review(tx, moderatorId, flagId, confirmed ? "confirmed" : "dismissed", note)
        .mapEmpty();
  }
}
