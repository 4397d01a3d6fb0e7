package io.showfloor.market;

import io.showfloor.market.trading.BookOwnership;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Listing, approval and lookup of instruments. Trading state changes go through the book owner. */
public final class Instruments {
  /**
   * A listing's whole value (reference x shares) stays below $1bn, so every order's cash fits the
   * ledger.
   */
  static final long MAX_LISTING_VALUE_CENTS = 100_000_000_000L;

  /** Keeps a product behind at most one pending or approved instrument (V056). */
  private static final String ONE_LIVE_INSTRUMENT = "market_instruments_one_live_per_product";

  private static final String SELECT = "SELECT " + Instrument.COLUMNS + " FROM market_instruments ";
  private static final String INSERT =
      """
      INSERT INTO market_instruments (symbol, name, product_id, seller_id, total_shares, reference_price_cents,
        tick_size_cents, price_band_bps, max_order_quantity, fee_bps, fee_payer)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING\s"""
          + Instrument.COLUMNS;
  // the seller's shares cost the listing's reference value, so P&L measures trading, not the
  // listing
  private static final String SEED_HOLDING =
      """
      INSERT INTO market_holdings (user_id, symbol, shares, cost_basis_cents) VALUES ($1, $2, $3, $4)""";
  private static final String APPROVE =
      """
      UPDATE market_instruments SET status = 'approved', phase = $2, book_mode = $3, follows_schedule = $4,
        fee_bps = $5, fee_payer = $6, approved_by = $7, approved_at = $8, phase_changed_at = $8, updated_at = now()
      WHERE symbol = $1 AND status = 'pending' RETURNING\s"""
          + Instrument.COLUMNS;
  // the approving node is named in the new book's lease in the same transaction, so no other node
  // can take it first; epoch 0 until that node's ownership round takes it (epoch 1)
  private static final String FIRST_LEASE =
      """
      INSERT INTO market_leases (symbol, node_id, epoch, expires_at)
      VALUES ($1, $2, 0, now() + make_interval(secs => $3::int)) ON CONFLICT (symbol) DO NOTHING""";
  private static final String REJECT =
      """
      UPDATE market_instruments SET status = 'rejected', updated_at = now()
      WHERE symbol = $1 AND status = 'pending' RETURNING\s"""
          + Instrument.COLUMNS;

  private final Database db;
  private final EventBus bus;
  private final MarketSettings settings;
  private final Clock clock;
  private final String nodeId;
  private final PhysicalItems items;

  public Instruments(
      Database db,
      EventBus bus,
      MarketSettings settings,
      Clock clock,
      String nodeId,
      PhysicalItems items) {
    this.items = items;
    this.nodeId = nodeId;
    this.db = db;
    this.bus = bus;
    this.settings = settings;
    this.clock = clock;
  }

  private Database db() {
    return db;
  }

  public Future<Instrument> list(Caller seller, JsonObject body) {
    String symbol = body.getString("symbol");
    if (Instrument.PLAY_SYMBOL.matcher(symbol).matches()) {
      return Future.failedFuture(
          Refused.unprocessable(
              "symbol_reserved",
              "Symbols of Z and a digit are reserved for tournaments' play-money instruments"));
    }
    long totalShares = body.getLong("totalShares", settings.defaultTotalShares());
    long reference = body.getLong("referencePriceCents", settings.defaultReferencePriceCents());
    long tick = body.getLong("tickSizeCents", settings.defaultTickSizeCents());
    int band = body.getInteger("priceBandBps", settings.defaultPriceBandBps());
    long maxOrder = body.getLong("maxOrderQuantity", totalShares);
    // both are at most 10^9 by the contract, so the product fits in a long
    if (reference * totalShares > MAX_LISTING_VALUE_CENTS) {
      return Future.failedFuture(
          Refused.unprocessable(
              "listing_too_large",
              "totalShares x referencePriceCents may be at most "
                  + MAX_LISTING_VALUE_CENTS
                  + " cents"));
    }
    if (reference % tick != 0) {
      return Future.failedFuture(
          Refused.unprocessable(
              "reference_off_tick",
              "referencePriceCents must be a multiple of tickSizeCents (" + tick + ")"));
    }
    if (maxOrder > totalShares) {
      return Future.failedFuture(
          Refused.unprocessable(
              "max_order_above_total",
              "maxOrderQuantity cannot exceed totalShares (" + totalShares + ")"));
    }
    Long productId = body.getLong("productId");
    Tuple args =
        Tuple.of(symbol, body.getString("name"), productId, seller.userId(), totalShares, reference)
            .addLong(tick)
            .addInteger(band)
            .addLong(maxOrder)
            .addInteger(settings.feeBasisPoints())
            .addString(settings.feePayer().apiName());
    return db().tx(
            conn ->
                productChecked(conn, seller, productId)
                    .compose(checked -> conn.preparedQuery(INSERT).execute(args))
                    .compose(
                        rows ->
                            conn.preparedQuery(SEED_HOLDING)
                                .execute(
                                    Tuple.of(
                                        seller.userId(),
                                        symbol,
                                        totalShares,
                                        reference * totalShares))
                                .map(v -> Instrument.from(rows.iterator().next()))))
        .recover(
            failure ->
                Future.failedFuture(
                    Database.isUniqueViolation(failure, "market_instruments_pkey")
                        ? Refused.conflict(
                            "symbol_taken", "The symbol " + symbol + " is already listed")
                        // a listing of the same product that committed first (the product's row
                        // lock makes this rare)
                        : productId != null
                                && Database.isUniqueViolation(failure, ONE_LIVE_INSTRUMENT)
                            ? Refused.conflict(
                                "item_fractionalized",
                                "Product " + productId + " is already listed as market shares")
                            : failure));
  }

  /**
   * One item, sold once: the product must be the seller's, and, under its row lock held until the
   * listing commits, have no units held for buyers (no cart, lot or sale can take one meanwhile).
   */
  private Future<Void> productChecked(
      io.vertx.sqlclient.SqlConnection conn, Caller seller, @Nullable Long productId) {
    if (productId == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT seller_id FROM product_directory WHERE id = $1")
        .execute(Tuple.of(productId))
        .compose(
            rows ->
                rows.size() == 1 && rows.iterator().next().getLong("seller_id") == seller.userId()
                    ? items.lockForShares(conn, productId)
                    : Future.failedFuture(
                        Refused.unprocessable(
                            "product_not_yours",
                            "productId " + productId + " is not one of your products")));
  }

  public Future<Instrument> approve(Caller admin, String symbol, JsonObject body) {
    boolean followsSchedule = body.getBoolean("followsSchedule", true);
    Instant now = clock.instant();
    Phase phase = followsSchedule ? settings.schedule().phaseAt(now) : Phase.CLOSED;
    Tuple args =
        Tuple.of(
                symbol,
                phase.apiName(),
                phase.collects() ? "call_auction" : "continuous",
                followsSchedule,
                body.getInteger("feeBasisPoints", settings.feeBasisPoints()),
                body.getString("feePayer", settings.feePayer().apiName()))
            .addLong(admin.userId())
            .addOffsetDateTime(now.atOffset(java.time.ZoneOffset.UTC));
    return db().tx(
            conn ->
                conn.preparedQuery(APPROVE)
                    .execute(args)
                    .compose(
                        rows ->
                            rows.size() == 0
                                ? Future.succeededFuture((Instrument) null)
                                : conn.preparedQuery(FIRST_LEASE)
                                    .execute(Tuple.of(symbol, nodeId, settings.leaseTtlSeconds()))
                                    .map(leased -> Instrument.from(rows.iterator().next()))))
        .compose(
            instrument ->
                instrument != null ? Future.succeededFuture(instrument) : pendingRequired(symbol))
        .compose(
            instrument -> {
              // this node, named in the lease, takes the new book at once, so trading can start
              // with the answer
              return bus.request(BookOwnership.TAKE_ADDRESS, symbol)
                  .map(owned -> instrument)
                  .otherwise(instrument);
            });
  }

  public Future<Instrument> reject(String symbol) {
    return db().one(REJECT, Tuple.of(symbol))
        .compose(
            row ->
                row != null
                    ? Future.succeededFuture(Instrument.from(row))
                    : pendingRequired(symbol));
  }

  private Future<Instrument> pendingRequired(String symbol) {
    return find(symbol)
        .compose(
            existing ->
                Future.failedFuture(
                    existing == null
                        ? Refused.notFound("instrument_not_found", "No instrument " + symbol)
                        : Refused.conflict(
                            "instrument_not_pending",
                            symbol + " is already " + existing.status())));
  }

  public Future<Instrument> find(String symbol) {
    return db().one(SELECT + "WHERE symbol = $1", Tuple.of(symbol))
        .map(row -> row == null ? null : Instrument.from(row));
  }

  /**
   * An instrument the caller may see: approved and delisted ones to anyone, others to their seller
   * and admins.
   */
  public Future<Instrument> visible(Caller caller, String symbol) {
    return find(symbol)
        .compose(
            instrument -> {
              if (instrument == null
                  || !(instrument.approved()
                      || "delisted".equals(instrument.status())
                      || caller.userId() == instrument.sellerId()
                      || caller.hasRole("admin"))) {
                return Future.failedFuture(
                    Refused.notFound("instrument_not_found", "No instrument " + symbol));
              }
              return Future.succeededFuture(instrument);
            });
  }

  public Future<JsonObject> page(Caller caller, String status, String after, int limit) {
    String wanted = status == null ? "approved" : status;
    boolean everyone =
        "approved".equals(wanted) || "delisted".equals(wanted) || caller.hasRole("admin");
    String sql =
        SELECT
            + "WHERE status = $1 AND symbol > $2 AND ($3 OR seller_id = $4) AND play_pool IS NULL "
            + "ORDER BY symbol LIMIT $5";
    return db().query(
            sql, Tuple.of(wanted, after == null ? "" : after, everyone, caller.userId(), limit + 1))
        .map(
            rows ->
                KeysetPage.after(
                    rows,
                    limit,
                    row -> Instrument.from(row).toJson(),
                    row -> row.getString("symbol")));
  }
}
