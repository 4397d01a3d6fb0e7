package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.showfloor.insight.GeneratedTrades;
import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Insight on the instrument page")
class InsightBrowserTest {
  private static String instrumentWithModel(String prefix, long[] closes) {
    String symbol = MarketFixture.listed(prefix).symbol();
    long buyer = Users.create().id();
    long seller = Users.create().id();
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    List<GeneratedTrades.Trade> trades = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      trades.add(
          new GeneratedTrades.Trade(
              end.minus(Duration.ofMinutes(closes.length - i)).plusSeconds(1),
              closes[i],
              1 + i % 5));
    }
    TestNode.get()
        .platform()
        .db()
        .tx(conn -> GeneratedTrades.write(conn, symbol, buyer, seller, trades))
        .await();
    LedgerCheck.admin()
        .api()
        .post(
            "/api/admin/insight/models",
            new JsonObject().put("symbol", symbol).put("interval", "1m"))
        .expect(201);
    return symbol;
  }

  @Test
  @DisplayName(
      "a model with an edge shows an arrow and its record, one without shows \"No edge\", and indicator overlays toggle on the chart")
  void badgeAndOverlays() {
    String learned =
        instrumentWithModel("WPA", SyntheticPrices.meanReverting(31, 600, 10_000, 0.8));
    String random = instrumentWithModel("WRN", SyntheticPrices.randomWalk(32, 600, 10_000));
    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(Users.create())) {
      Page page = visit.page;
      visit.go("/market/" + learned);
      assertThat(page.getByTestId("prediction")).hasAttribute("data-edge", "true");
      assertThat(page.getByTestId("prediction-direction"))
          .hasText(Pattern.compile("[▲▼] Next minute (up|down) · \\d+%"));
      assertThat(page.getByTestId("prediction-record"))
          .containsText(Pattern.compile("Right \\d+% \\(95% interval"));

      page.locator("[data-indicator='sma']").check();
      page.locator("[data-indicator='bollinger']").check();
      assertThat(page.locator(".chart"))
          .hasAttribute("aria-label", Pattern.compile("with sma, bollinger$"));
      page.locator("[data-indicator='sma']").uncheck();
      assertThat(page.locator(".chart"))
          .hasAttribute("aria-label", Pattern.compile("with bollinger$"));
      visit.screenshot("instrument-insight").assertAccessible();

      visit.go("/market/" + random);
      assertThat(page.getByTestId("prediction")).hasAttribute("data-edge", "false");
      assertThat(page.getByTestId("prediction-direction")).hasText("No edge");
      visit.assertNoConsoleErrors();
    }
  }
}
