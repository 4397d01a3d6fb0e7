package io.showfloor.market;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A listed instrument and its trading rules, as stored in market_instruments. */
public record Instrument(
    String symbol,
    String name,
    Long productId,
    long sellerId,
    String status,
    Phase phase,
    boolean collecting,
    boolean followsSchedule,
    long totalShares,
    long referencePriceCents,
    long tickSizeCents,
    int priceBandBps,
    long maxOrderQuantity,
    int feeBps,
    FeePayer feePayer,
    Long lastPriceCents,
    Instant phaseChangedAt,
    Instant createdAt,
    @Nullable Long playPool) {

  private static final long BPS = 10_000;

  /** The columns {@link #from(Row)} reads. */
  public static final String COLUMNS =
      "symbol, name, product_id, seller_id, status, phase, book_mode, follows_schedule, "
          + "total_shares, reference_price_cents, tick_size_cents, price_band_bps, max_order_quantity, fee_bps, fee_payer, "
          + "last_price_cents, phase_changed_at, created_at, play_pool";

  public static Instrument from(Row row) {
    return new Instrument(
        row.getString("symbol"),
        row.getString("name"),
        row.getLong("product_id"),
        row.getLong("seller_id"),
        row.getString("status"),
        Phase.parse(row.getString("phase")),
        "call_auction".equals(row.getString("book_mode")),
        row.getBoolean("follows_schedule"),
        row.getLong("total_shares"),
        row.getLong("reference_price_cents"),
        row.getLong("tick_size_cents"),
        row.getInteger("price_band_bps"),
        row.getLong("max_order_quantity"),
        row.getInteger("fee_bps"),
        FeePayer.valueOf(row.getString("fee_payer").toUpperCase()),
        row.getLong("last_price_cents"),
        row.getOffsetDateTime("phase_changed_at").toInstant(),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getLong("play_pool"));
  }

  // Math.ceilDiv arrived in Java 18
  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** Symbols of play-money instruments (tournaments): a prefix real listings may not use. */
  public static final java.util.regex.Pattern PLAY_SYMBOL =
      java.util.regex.Pattern.compile("^Z[0-9].*");

  /** SQL: the trade or holding is on the real market (not a tournament's play-money book). */
  public static final String REAL_SYMBOL_SQL = "symbol !~ '^Z[0-9]'";

  public boolean approved() {
    return "approved".equals(status);
  }

  /** The lowest price an order may carry: the reference minus the band, rounded up to a tick. */
  public long bandLowCents() {
    long low = ceilDiv(referencePriceCents * (BPS - priceBandBps), BPS);
    return Math.max(tickSizeCents, ceilDiv(low, tickSizeCents) * tickSizeCents);
  }

  /** The highest price an order may carry: the reference plus the band, rounded down to a tick. */
  public long bandHighCents() {
    long high = Math.floorDiv(referencePriceCents * (BPS + priceBandBps), BPS);
    return Math.max(bandLowCents(), Math.floorDiv(high, tickSizeCents) * tickSizeCents);
  }

  /** The price the auction rule falls back on: the last trade, or the reference before any. */
  public long auctionReferenceCents() {
    return lastPriceCents != null ? lastPriceCents : referencePriceCents;
  }

  public Instrument withPhase(Phase newPhase, boolean nowCollecting, Instant at) {
    return new Instrument(
        symbol,
        name,
        productId,
        sellerId,
        status,
        newPhase,
        nowCollecting,
        followsSchedule,
        totalShares,
        referencePriceCents,
        tickSizeCents,
        priceBandBps,
        maxOrderQuantity,
        feeBps,
        feePayer,
        lastPriceCents,
        at,
        createdAt,
        playPool);
  }

  public Instrument withPrices(long newReferenceCents, Long newLastCents) {
    return new Instrument(
        symbol,
        name,
        productId,
        sellerId,
        status,
        phase,
        collecting,
        followsSchedule,
        totalShares,
        newReferenceCents,
        tickSizeCents,
        priceBandBps,
        maxOrderQuantity,
        feeBps,
        feePayer,
        newLastCents,
        phaseChangedAt,
        createdAt,
        playPool);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("symbol", symbol)
        .put("name", name)
        .put("productId", productId)
        .put("sellerId", sellerId)
        .put("status", status)
        .put("phase", phase.apiName())
        .put("followsSchedule", followsSchedule)
        .put("totalShares", totalShares)
        .put("referencePriceCents", referencePriceCents)
        .put("lastPriceCents", lastPriceCents)
        .put("tickSizeCents", tickSizeCents)
        .put("priceBandBps", priceBandBps)
        .put("bandLowCents", bandLowCents())
        .put("bandHighCents", bandHighCents())
        .put("maxOrderQuantity", maxOrderQuantity)
        .put("feeBps", feeBps)
        .put("feePayer", feePayer.apiName())
        .put("phaseChangedAt", phaseChangedAt.toString())
        .put("createdAt", createdAt.toString())
        .put("tournamentId", playPool);
  }
}
