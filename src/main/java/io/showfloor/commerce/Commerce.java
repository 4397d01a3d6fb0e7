package io.showfloor.commerce;

import io.showfloor.commerce.cart.CartEndpoints;
import io.showfloor.commerce.cart.Carts;
import io.showfloor.commerce.catalog.Catalog;
import io.showfloor.commerce.catalog.CatalogEndpoints;
import io.showfloor.commerce.catalog.ProductImport;
import io.showfloor.commerce.checkout.CheckoutEndpoints;
import io.showfloor.commerce.checkout.CheckoutPayments;
import io.showfloor.commerce.checkout.Checkouts;
import io.showfloor.commerce.loyalty.Loyalty;
import io.showfloor.commerce.order.Deliveries;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.commerce.order.ShopOrderEndpoints;
import io.showfloor.commerce.order.ShopOrders;
import io.showfloor.commerce.payment.PaymentConfigEndpoints;
import io.showfloor.commerce.payment.PaymentEvents;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.SandboxPayments;
import io.showfloor.commerce.payment.SavedCardEndpoints;
import io.showfloor.commerce.payment.SavedCards;
import io.showfloor.commerce.payment.StripePayments;
import io.showfloor.commerce.payment.StripeWebhookEndpoints;
import io.showfloor.commerce.payment.StripeWebhooks;
import io.showfloor.commerce.social.Partnerships;
import io.showfloor.commerce.social.Reviews;
import io.showfloor.commerce.social.SocialEndpoints;
import io.showfloor.commerce.social.Wishlists;
import io.showfloor.commerce.wallet.DepositPayments;
import io.showfloor.commerce.wallet.WalletEndpoints;
import io.showfloor.commerce.wallet.Wallets;
import io.showfloor.commerce.wallet.Withdrawals;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Catalog, carts, checkout, orders, payments and the wallet. */
public final class Commerce implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Commerce.class);
  private final PaymentProvider payments;
  private final Wallets wallets;
  private final Notices notices;
  private final Catalog catalog;
  private final io.showfloor.commerce.catalog.ImportJobs importJobs;
  private final ShopOrders orders;
  private final Deliveries deliveries;
  private final Refunds refunds;
  private final Checkouts checkouts;
  private final Platform platform;
  private final CommerceSettings settings;
  private final Partnerships partnerships;
  private final SavedCards cards;
  private final Wishlists wishlists;
  private final Loyalty loyalty;
  private final Reviews reviews;
  private final List<ApiRoutes> routes;
  private final PaymentEvents paymentEvents;
  private final io.showfloor.commerce.returns.ReturnRequests returns;

  public Commerce(
      Platform platform,
      Ledger ledger,
      io.showfloor.notify.Notify notify,
      io.showfloor.media.PhotoAttachments photos,
      io.showfloor.market.cash.MarketHolds marketHolds) {
    CommerceSettings settings = CommerceSettings.from(platform.settings());
    this.platform = platform;
    this.settings = settings;
    this.payments = paymentProvider(platform, settings.stripe());
    this.wallets = new Wallets(platform.db(), platform.events(), ledger, payments, marketHolds);
    this.notices = new Notices(notify.notifications(), notify.outbox());
    this.orders = new ShopOrders(platform.db(), platform.events(), ledger, notices, settings);
    this.deliveries =
        new Deliveries(platform.db(), platform.events(), notices, settings.delivery());
    this.refunds = new Refunds(platform.db(), ledger, payments, notices);
    this.checkouts =
        new Checkouts(
            platform.db(),
            platform.events(),
            platform.metrics(),
            ledger,
            payments,
            orders,
            notices,
            marketHolds);
    this.partnerships = new Partnerships(platform.db(), notices);
    this.wishlists = new Wishlists(platform.db(), notices);
    Loyalty loyalty =
        new Loyalty(
            platform.db(),
            platform.redis(),
            settings.loyalty(),
            settings.streaks().rules(),
            settings.streaks().minuteSeconds());
    this.loyalty = loyalty;
    checkouts.usePoints(loyalty);
    checkouts.onPaid(loyalty);
    refunds.onRefund(loyalty);
    this.cards = new SavedCards(platform.db(), payments);
    Withdrawals withdrawals =
        new Withdrawals(
            platform.db(),
            ledger,
            payments,
            notices,
            settings.withdrawals(),
            settings.publicUrl(),
            marketHolds);
    this.paymentEvents =
        new PaymentEvents(
                platform.db(),
                ledger,
                payments.name(),
                List.of(
                    new DepositPayments(wallets, ledger, marketHolds),
                    new CheckoutPayments(checkouts, refunds, notices)),
                cards,
                withdrawals)
            .handleDisputes(
                new io.showfloor.commerce.dispute.Disputes(
                    payments.name(), ledger, refunds, notices));
    this.returns =
        new io.showfloor.commerce.returns.ReturnRequests(
            platform.db(),
            refunds,
            notices,
            io.showfloor.commerce.returns.ReturnTerms.from(platform.settings()),
            photos);
    String webhookSecret = settings.stripe().webhookSecret();
    StripeWebhooks webhooks =
        webhookSecret != null
            ? new StripeWebhooks(webhookSecret, settings.stripe().webhookToleranceSeconds())
            : null;
    this.catalog = new Catalog(platform.db(), settings.catalog().lowStockThreshold());
    this.reviews = new Reviews(platform.db());
    ProductImport imports =
        new ProductImport(
            platform.db(),
            settings.catalog().importMaxRows(),
            settings.catalog().lowStockThreshold());
    // background imports: up to 50,000 rows, written 500 rows per transaction
    this.importJobs =
        new io.showfloor.commerce.catalog.ImportJobs(
            platform.db(), platform.events(), imports, 50_000, 500);
    CommerceSettings.PerMinute perMinute = settings.perMinute();
    this.routes =
        List.of(
            new WalletEndpoints(platform.rateLimiter(), wallets, withdrawals, perMinute),
            new CatalogEndpoints(
                platform.rateLimiter(), catalog, imports, importJobs, perMinute.imports()),
            new CartEndpoints(
                platform.rateLimiter(), new Carts(platform.db()), perMinute.cartWrites()),
            new CheckoutEndpoints(platform.rateLimiter(), checkouts, perMinute.checkouts()),
            new ShopOrderEndpoints(orders, deliveries, refunds),
            new io.showfloor.commerce.returns.ReturnRequestEndpoints(returns, photos),
            new io.showfloor.commerce.address.AddressEndpoints(orders.addresses()),
            new SavedCardEndpoints(platform.rateLimiter(), cards),
            new PaymentConfigEndpoints(payments.name(), settings.stripe().publishableKey()),
            new SocialEndpoints(platform.rateLimiter(), partnerships, wishlists, reviews),
            new io.showfloor.commerce.loyalty.LoyaltyEndpoints(loyalty),
            new io.showfloor.commerce.payout.PayoutEndpoints(
                platform.rateLimiter(),
                new io.showfloor.commerce.payout.Payouts(
                    platform.db(),
                    ledger,
                    payments,
                    notices,
                    settings.delivery().payoutHoldDays(),
                    settings.payoutMinimumCents()),
                perMinute.payouts()),
            new StripeWebhookEndpoints(webhooks, paymentEvents));
  }

  private static PaymentProvider paymentProvider(
      Platform platform, CommerceSettings.Stripe stripe) {
    String secretKey = stripe.secretKey();
    if (secretKey != null) {
      return new StripePayments(platform.vertx(), secretKey, stripe.apiBase());
    }
    LOG.warn("No STRIPE_SECRET_KEY: payments use the sandbox provider; no real money moves");
    return new SandboxPayments();
  }

  @Override
  public List<ApiRoutes> routes() {
    return routes;
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(io.showfloor.commerce.catalog.PastSalesDemo.seed());
  }

  /**
   * Every node sweeps unpaid orders past their deadline, and shipped orders nobody confirmed within
   * commerce.autoDeliverDays (shared safely: rows are claimed with SKIP LOCKED, updates are
   * conditional).
   */
  @Override
  public Future<Void> start() {
    // every node works on running imports (its own, or those of a node that stopped)
    importJobs.start(platform.vertx(), 1000);
    long every = settings.orders().expirySweepSeconds() * 1000;
    // a full batch of 200 expired orders means more may be waiting: sweep again at once
    OnePass expirySweep =
        new OnePass("Order expiry sweep", 60_000, () -> orders.expireDue().map(n -> n >= 200));
    platform.vertx().setPeriodic(every, every, id -> expirySweep.run());
    long deliverEvery = deliveries.terms().sweepSeconds() * 1000L;
    OnePass deliverySweep =
        new OnePass(
            "Auto-delivery sweep",
            60_000,
            () -> deliveries.confirmOverdue().map(n -> n >= Deliveries.SWEEP_BATCH));
    platform.vertx().setPeriodic(deliverEvery, deliverEvery, id -> deliverySweep.run());
    long escalateEvery = returns.terms().sweepSeconds() * 1000L;
    OnePass escalationSweep =
        new OnePass(
            "Return request escalation sweep",
            60_000,
            () ->
                returns
                    .escalateOverdue()
                    .map(n -> n >= io.showfloor.commerce.returns.ReturnRequests.SWEEP_BATCH));
    platform.vertx().setPeriodic(escalateEvery, escalateEvery, id -> escalationSweep.run());
    return Future.succeededFuture();
  }

  /**
   * For the auctions and shows domains: {@link ShopOrders#createLockedOrder} inside their
   * transactions.
   */
  public ShopOrders orders() {
    return orders;
  }

  /** The address book: orders made without a checkout ship to the buyer's default. */
  public io.showfloor.commerce.address.Addresses addresses() {
    return orders.addresses();
  }

  public Checkouts checkouts() {
    return checkouts;
  }

  /**
   * For auctions: charge a won lot to the winner's saved card right after the lot closes (after
   * commit).
   */
  public io.vertx.core.Future<io.vertx.core.json.JsonObject> chargeSavedCard(
      long buyerId, String reason) {
    return checkouts.chargeSavedCard(buyerId, cards, reason);
  }

  /** For shows that require a saved card to bid. */
  public SavedCards savedCards() {
    return cards;
  }

  /** For auctions and shows: the commission rate of an accepted seller-creator partnership. */
  public Partnerships partnerships() {
    return partnerships;
  }

  /** For shows: {@link Wishlists#productLive} when a product goes live. */
  public Wishlists wishlists() {
    return wishlists;
  }

  /** Routes another domain's Stripe event types from the one webhook endpoint to it. */
  public void routeWebhooks(io.showfloor.commerce.payment.WebhookRoute route) {
    paymentEvents.route(route);
  }

  /**
   * Routes succeeded payments of another domain (by {@code metadata.kind}) from the one webhook
   * endpoint to it.
   */
  public void routePayments(String kind, io.showfloor.commerce.payment.WebhookRoute route) {
    paymentEvents.routePayments(kind, route);
  }

  public PaymentProvider payments() {
    return payments;
  }

  /**
   * For shows: a signed-in viewer's heartbeat in a live show counts towards the daily streak bonus.
   */
  public io.showfloor.commerce.loyalty.LiveStreaks liveStreaks() {
    return loyalty.streaks();
  }

  /** For moderation: hide a reported review inside the queue action's transaction. */
  public Reviews reviews() {
    return reviews;
  }

  /** For moderation: archive a reported product inside the queue action's transaction. */
  public Catalog catalog() {
    return catalog;
  }

  public Wallets wallets() {
    return wallets;
  }

  /** For moderation: audits moderators' rulings on escalated return requests. */
  public io.showfloor.commerce.returns.ReturnRequests returns() {
    return returns;
  }
}
