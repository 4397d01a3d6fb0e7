package io.showfloor.commerce;

import io.showfloor.commerce.loyalty.LoyaltyRules;
import io.showfloor.commerce.loyalty.StreakRules;
import io.showfloor.commerce.order.DeliveryTerms;
import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Commerce's configuration ({@code commerce.*}, {@code wallet.*}, {@code payouts.*}, {@code
 * stripe.*} and the public URL in config/default.json), read and checked once when the node starts;
 * the services get the part they use.
 */
public record CommerceSettings(
    OrderTerms orders,
    CatalogLimits catalog,
    PerMinute perMinute,
    WithdrawalLimits withdrawals,
    long payoutMinimumCents,
    DeliveryTerms delivery,
    LoyaltyRules loyalty,
    Streaks streaks,
    Stripe stripe,
    String publicUrl) {

  /**
   * What an order costs and how long it waits: the platform fee, the payment windows of won lots
   * and flash-sale buys, how long a checkout holds stock, and how often unpaid orders are swept.
   */
  public record OrderTerms(
      int platformFeeBps,
      long lotPaymentSeconds,
      long flashSalePaymentSeconds,
      long checkoutHoldSeconds,
      long expirySweepSeconds) {}

  /**
   * The low-stock threshold of a product that names none, and the most rows one CSV import may
   * carry.
   */
  public record CatalogLimits(int lowStockThreshold, int importMaxRows) {}

  /** Per-user rate limits, in requests per minute. */
  public record PerMinute(
      int checkouts, int cartWrites, int deposits, int withdrawals, int payouts, int imports) {}

  /**
   * Wallet withdrawals: the smallest one, a rolling 24-hour limit, and how long card deposits
   * settle first.
   */
  public record WithdrawalLimits(long minimumCents, long dailyLimitCents, int settlementHours) {}

  /** The daily live-show streak bonus and how long a "minute" of watching is (tests shorten it). */
  public record Streaks(StreakRules rules, long minuteSeconds) {}

  /**
   * Stripe keys; without a secret key payments use the sandbox, without a webhook secret webhooks
   * are refused.
   */
  public record Stripe(
      @Nullable String secretKey,
      @Nullable String apiBase,
      @Nullable String publishableKey,
      @Nullable String webhookSecret,
      int webhookToleranceSeconds) {}

  public static CommerceSettings from(Settings settings) {
    int feeBps = settings.integer("commerce.platformFeeBps", 800);
    if (feeBps < 0 || feeBps > 5000) {
      throw new ConfigException("commerce.platformFeeBps must be 0..5000");
    }
    return new CommerceSettings(
        new OrderTerms(
            feeBps,
            settings.positiveLong("commerce.lotPaymentHours", 48) * 3600,
            settings.positiveLong("commerce.flashSalePaymentMinutes", 15) * 60,
            settings.positiveLong("commerce.checkoutHoldSeconds", 900),
            settings.positiveLong("commerce.expirySweepSeconds", 2)),
        new CatalogLimits(
            settings.integer("commerce.lowStockThreshold", 3),
            (int) settings.positiveLong("commerce.importMaxRows", 2000)),
        new PerMinute(
            perMinute(settings, "commerce.checkoutsPerMinute", 30),
            perMinute(settings, "commerce.cartWritesPerMinute", 240),
            perMinute(settings, "commerce.depositsPerMinute", 30),
            perMinute(settings, "wallet.withdrawals.requestsPerMinute", 10),
            perMinute(settings, "payouts.requestsPerMinute", 10),
            perMinute(settings, "commerce.importsPerMinute", 10)),
        new WithdrawalLimits(
            settings.longValue("wallet.withdrawals.minimumCents", 500),
            settings.longValue("wallet.withdrawals.dailyLimitCents", 2_500_000),
            settings.integer("wallet.withdrawals.settlementHours", 72)),
        settings.longValue("payouts.minimumCents", 1000),
        DeliveryTerms.from(settings),
        loyalty(settings),
        new Streaks(
            new StreakRules(
                settings.longValue("commerce.loyalty.streak.basePoints", 10),
                settings.longValue("commerce.loyalty.streak.perDayPoints", 5),
                settings.integer("commerce.loyalty.streak.maxStreakDays", 7),
                settings.integer("commerce.loyalty.streak.watchMinutes", 10)),
            settings.positiveLong("commerce.loyalty.streak.minuteSeconds", 60)),
        new Stripe(
            present(settings, "stripe.secretKey"),
            present(settings, "stripe.apiBase"),
            settings.string("stripe.publishableKey", null),
            present(settings, "stripe.webhookSecret"),
            settings.integer("stripe.webhookToleranceSeconds", 300)),
        HttpSettings.from(settings).publicUrl());
  }

  private static LoyaltyRules loyalty(Settings settings) {
    List<LoyaltyRules.Tier> tiers = new ArrayList<>();
    settings
        .array("commerce.loyalty.tiers")
        .forEach(
            t -> {
              JsonObject tier = (JsonObject) t;
              tiers.add(
                  new LoyaltyRules.Tier(
                      tier.getString("name"),
                      tier.getLong("minSpendCents"),
                      tier.getInteger("multiplierPercent")));
            });
    if (tiers.isEmpty()) {
      tiers.add(new LoyaltyRules.Tier("bronze", 0, 100));
    }
    return new LoyaltyRules(
        tiers,
        settings.longValue("commerce.loyalty.pointsPerDollar", 1),
        settings.longValue("commerce.loyalty.pointValueCents", 1),
        settings.integer("commerce.loyalty.maxRedeemPercent", 50),
        settings.integer("commerce.loyalty.liveShowBonusPercent", 10));
  }

  /** A string setting, or null when it is absent or blank (as {@link Settings#has} sees it). */
  private static @Nullable String present(Settings settings, String path) {
    return settings.has(path) ? settings.string(path, null) : null;
  }

  private static int perMinute(Settings settings, String path, int fallback) {
    return (int) settings.positiveLong(path, fallback);
  }
}
