package io.showfloor.web;

import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every page at a 360 px phone and a desktop width: drawn without console errors, no axe-core
 * violations, and a screenshot under target/screenshots for people to look at.
 */
@DisplayName("Every page is accessible and error-free on phones and desktops")
class PagesLookTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  private static void check(Screen screen, String name, String path, Consumer<Visit> prepare) {
    try (Visit visit = WebBrowser.open(screen)) {
      prepare.accept(visit);
      visit.go(path);
      visit.page.waitForLoadState();
      visit
          .page
          .locator(".loading")
          .first()
          .waitFor(
              new com.microsoft.playwright.Locator.WaitForOptions()
                  .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED)
                  .setTimeout(5_000));
      visit.assertAccessible().screenshot(name).assertNoConsoleErrors();
    }
  }

  private static void check(Screen screen, String name, String path) {
    check(screen, name, path, v -> {});
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("discover, with live and upcoming shows, and a category")
  void discover(Screen screen) {
    Users.TestUser host = Users.create("creator");
    onAir.start(host, "Card breaks with Sam");
    long upcoming =
        host.api()
            .post(
                "/api/shows",
                new io.vertx.core.json.JsonObject()
                    .put("title", "Sunday sneaker swap")
                    .put("category", "sneakers")
                    .put(
                        "scheduledAt",
                        java.time.Instant.now()
                            .plus(2, java.time.temporal.ChronoUnit.DAYS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    try {
      check(screen, "discover", "/");
      check(screen, "discover-category", "/?category=sneakers");
      check(screen, "discover-search", "/?q=sneaker");
    } finally {
      host.api().post("/api/shows/" + upcoming + "/cancel");
    }
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the creator studio and a show's run sheet")
  void studio(Screen screen) {
    Users.TestUser host = Users.create("creator", "seller");
    long showId = onAir.start(host, "Vinyl night");
    check(screen, "studio", "/studio", visit -> visit.signIn(host));
    check(screen, "run-sheet", "/studio/shows/" + showId, visit -> visit.signIn(host));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("sign up, log in, forgotten and new password, verify")
  void accountForms(Screen screen) {
    check(screen, "signup", "/signup");
    check(screen, "login", "/login");
    check(screen, "forgot-password", "/forgot-password");
    check(screen, "reset-password", "/reset-password?token=from-the-mail");
    check(screen, "verify-without-token", "/verify");
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the account page of a signed-in viewer")
  void account(Screen screen) {
    Users.TestUser viewer = Users.create();
    check(screen, "account", "/account", visit -> visit.signIn(viewer));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("an address that is no page")
  void notFound(Screen screen) {
    check(screen, "not-found", "/no/such/page");
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the admin console's user list")
  void adminUsers(Screen screen) {
    Users.TestUser admin = Users.create("admin");
    check(screen, "admin-users", "/admin?tab=users", visit -> visit.signIn(admin));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("a buyer's cart, orders and wishlist, empty")
  void buyerPages(Screen screen) {
    Users.TestUser buyer = Users.create();
    check(screen, "cart-empty", "/cart", visit -> visit.signIn(buyer));
    check(screen, "orders-empty", "/orders", visit -> visit.signIn(buyer));
    check(screen, "wishlist-empty", "/wishlist", visit -> visit.signIn(buyer));
    check(screen, "notifications-empty", "/notifications", visit -> visit.signIn(buyer));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the seller dashboard's tabs")
  void sellerDashboard(Screen screen) {
    Users.TestUser seller = Users.create("seller");
    seller
        .api()
        .post(
            "/api/products",
            new io.vertx.core.json.JsonObject()
                .put("title", "Signed vinyl")
                .put("category", "music")
                .put("priceCents", 3_900)
                .put("quantity", 4))
        .expect(201);
    for (String tab : new String[] {"inventory", "import", "orders", "creators"}) {
      check(screen, "seller-" + tab, "/seller?tab=" + tab, visit -> visit.signIn(seller));
    }
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the admin console's ledger")
  void adminLedger(Screen screen) {
    Users.TestUser admin = Users.create("admin");
    check(screen, "admin-ledger", "/admin?tab=ledger", visit -> visit.signIn(admin));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "the market: instruments, an instrument with a book and trades, a portfolio, and the admin's market pages")
  void market(Screen screen) {
    io.showfloor.testing.MarketFixture.Listing listing =
        io.showfloor.testing.MarketFixture.listed(
            "LOOK",
            new io.vertx.core.json.JsonObject()
                .put("totalShares", 500)
                .put("referencePriceCents", 4_000));
    String symbol = listing.symbol();
    io.showfloor.testing.MarketFixture.phase(symbol, "continuous");
    Users.TestUser trader = io.showfloor.testing.MarketFixture.trader(50_000);
    io.showfloor.testing.MarketFixture.place(
        listing.seller(), io.showfloor.testing.MarketFixture.limit(symbol, "sell", 4_100, 20));
    io.showfloor.testing.MarketFixture.place(
        listing.seller(), io.showfloor.testing.MarketFixture.limit(symbol, "sell", 4_000, 5));
    io.showfloor.testing.MarketFixture.place(
        trader, io.showfloor.testing.MarketFixture.limit(symbol, "buy", 4_000, 3));
    io.showfloor.testing.MarketFixture.place(
        trader, io.showfloor.testing.MarketFixture.limit(symbol, "buy", 3_900, 4));
    Users.TestUser admin = Users.create("admin");
    Users.TestUser lister = Users.create("seller");
    lister
        .api()
        .post(
            "/api/market/instruments",
            new io.vertx.core.json.JsonObject()
                .put("symbol", io.showfloor.testing.MarketFixture.symbol("WAIT"))
                .put("name", "A listing waiting for approval"))
        .expect(201);
    check(screen, "market", "/market", visit -> visit.signIn(trader));
    check(screen, "instrument", "/market/" + symbol, visit -> visit.signIn(trader));
    check(screen, "portfolio", "/market/portfolio", visit -> visit.signIn(trader));
    check(screen, "admin-listings", "/admin?tab=listings", visit -> visit.signIn(admin));
    check(screen, "admin-market", "/admin?tab=market", visit -> visit.signIn(admin));
    check(screen, "seller-shares", "/seller?tab=shares", visit -> visit.signIn(lister));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "a host's profile with its trust score, an ended show's replay, an upcoming show's refused replay, and the admin's host verification requests")
  void hostsAndReplays(Screen screen) {
    Users.TestUser host = Users.create("creator");
    long showId = onAir.start(host, "Replay night");
    host.api()
        .post(
            "/api/shows/" + showId + "/chat",
            new io.vertx.core.json.JsonObject().put("text", "Thanks for coming!"))
        .expect(201);
    host.api().post("/api/shows/" + showId + "/end").expect(200);
    long upcoming =
        host.api()
            .post(
                "/api/shows",
                new io.vertx.core.json.JsonObject()
                    .put("title", "Next week")
                    .put("category", "sneakers")
                    .put(
                        "scheduledAt",
                        java.time.Instant.now()
                            .plus(7, java.time.temporal.ChronoUnit.DAYS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    Users.TestUser asking = Users.create("creator");
    asking
        .api()
        .post(
            "/api/me/host-verification",
            new io.vertx.core.json.JsonObject().put("note", "Please check my shop."))
        .expect(201);
    Users.TestUser admin = Users.create("admin");
    try {
      check(screen, "host-profile", "/hosts/" + host.id());
      check(screen, "replay", "/shows/" + showId + "/replay");
      check(screen, "replay-not-ended", "/shows/" + upcoming + "/replay");
      check(screen, "admin-hosts", "/admin?tab=hosts", visit -> visit.signIn(admin));
    } finally {
      host.api().post("/api/shows/" + upcoming + "/cancel");
    }
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "the admin's reports queue with a reported product, the audit trail, payouts and analytics; a seller's payouts")
  void adminMoney(Screen screen) {
    Users.TestUser seller = Users.create("seller");
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new io.vertx.core.json.JsonObject()
                    .put("title", "Suspicious sneakers")
                    .put("category", "sneakers")
                    .put("priceCents", 12_000)
                    .put("quantity", 1))
            .expect(201)
            .json()
            .getLong("id");
    Users.TestUser reporter = Users.create();
    reporter
        .api()
        .post(
            "/api/reports",
            new io.vertx.core.json.JsonObject()
                .put("targetType", "product")
                .put("targetId", productId)
                .put("reason", "counterfeit")
                .put("note", "Stitching is off"))
        .expect(201);
    Users.TestUser admin = Users.create("admin");
    check(screen, "admin-reports", "/admin?tab=reports", visit -> visit.signIn(admin));
    check(screen, "admin-audit", "/admin?tab=audit", visit -> visit.signIn(admin));
    check(screen, "admin-payouts", "/admin?tab=payouts", visit -> visit.signIn(admin));
    check(screen, "admin-analytics", "/admin?tab=analytics", visit -> visit.signIn(admin));
    check(screen, "seller-payouts", "/seller?tab=payouts", visit -> visit.signIn(seller));
    check(screen, "seller-sales", "/seller?tab=sales", visit -> visit.signIn(seller));
  }
}
