package io.showfloor.commerce;

import io.showfloor.commerce.catalog.Catalog;
import io.showfloor.commerce.catalog.CatalogEndpoints;
import io.showfloor.commerce.catalog.ProductImport;
import io.showfloor.commerce.payment.PaymentEvents;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.SandboxPayments;
import io.showfloor.commerce.payment.StripePayments;
import io.showfloor.commerce.payment.StripeWebhookEndpoint;
import io.showfloor.commerce.payment.StripeWebhooks;
import io.showfloor.commerce.wallet.DepositPayments;
import io.showfloor.commerce.wallet.WalletEndpoints;
import io.showfloor.commerce.wallet.Wallets;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.http.ApiRoutes;
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
  private final List<ApiRoutes> routes;

  public Commerce(Platform platform, Ledger ledger) {
    Settings settings = platform.settings();
    this.payments = paymentProvider(platform);
    this.wallets = new Wallets(platform, ledger, payments);
    PaymentEvents events = new PaymentEvents(platform.db(), ledger, payments.name(),
        List.of(new DepositPayments(wallets, ledger)));
    StripeWebhooks webhooks = settings.has("stripe.webhookSecret")
        ? new StripeWebhooks(settings.string("stripe.webhookSecret", null),
            settings.integer("stripe.webhookToleranceSeconds", 300))
        : null;
    this.notices = new Notices(platform);
    this.catalog = new Catalog(platform);
    ProductImport imports = new ProductImport(platform.db(), settings.integer("commerce.importMaxRows", 2000),
        settings.integer("commerce.lowStockThreshold", 3));
    this.routes = List.of(
        new WalletEndpoints(platform, wallets),
        new CatalogEndpoints(platform, catalog, imports),
        api -> api.on("getCommerceNotices", req -> req.user()
            .compose(caller -> notices.recent(caller.userId(), (int) req.queryLong("limit", 50)))
            .map(io.showfloor.platform.http.Reply::ok)),
        new StripeWebhookEndpoint(webhooks, events));
  }

  private static PaymentProvider paymentProvider(Platform platform) {
    Settings settings = platform.settings();
    if (settings.has("stripe.secretKey")) {
      return new StripePayments(platform.vertx(), settings.string("stripe.secretKey", null),
          settings.string("stripe.apiBase", null));
    }
    LOG.warn("No STRIPE_SECRET_KEY: payments use the sandbox provider; no real money moves");
    return new SandboxPayments();
  }

  @Override
  public List<ApiRoutes> routes() {
    return routes;
  }

  public PaymentProvider payments() { return payments; }

  public Wallets wallets() { return wallets; }
}
