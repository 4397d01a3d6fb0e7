package io.showfloor.commerce;

import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.SandboxPayments;
import io.showfloor.commerce.wallet.WalletEndpoints;
import io.showfloor.commerce.wallet.Wallets;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import java.util.List;

/** Catalog, carts, checkout, orders, payments and the wallet. */
public final class Commerce implements Domain {
  private final PaymentProvider payments;
  private final Wallets wallets;
  private final List<ApiRoutes> routes;

  public Commerce(Platform platform, Ledger ledger) {
    this.payments = new SandboxPayments();
    this.wallets = new Wallets(platform, ledger, payments);
    this.routes = List.of(new WalletEndpoints(platform, wallets));
  }

  @Override
  public List<ApiRoutes> routes() {
    return routes;
  }

  public PaymentProvider payments() { return payments; }

  public Wallets wallets() { return wallets; }
}
