package io.showfloor.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Search: filters, sorts, pages, shows, lots, sellers, instruments and suggestions")
class SearchTest {
  private static Users.TestUser seller;
  private static long sneakers;
  private static long boots;
  private static long soldOut;
  private static long usedSneakers;
  private static long card;

  @BeforeAll
  static void catalogue() {
    seller = Users.create("seller", "creator");
    sneakers = product("Court Sneakers Blue", "footwear", 5_000, 4, "new");
    boots = product("Hiking Boots Brown", "footwear", 12_000, 2, "new");
    soldOut = product("Court Sneakers Red", "footwear", 7_000, 0, "new");
    usedSneakers = product("Court Sneakers Worn", "footwear", 2_500, 1, "good");
    card = product("Court Legends Trading Card", "cards", 9_000, 1, "like_new");
  }

  private static long product(String title, String category, long cents, int qty, String cond) {
    return Products.create(
            seller,
            new JsonObject()
                .put("title", title)
                .put("category", category)
                .put("priceCents", cents)
                .put("quantity", qty)
                .put("condition", cond))
        .getLong("id");
  }

  private static JsonObject search(String query) {
    return TestNode.api().get("/api/search?" + query).expect(200).json();
  }

  private static List<Long> ids(JsonObject page) {
    List<Long> ids = new ArrayList<>();
    JsonArray items = page.getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      ids.add(items.getJsonObject(i).getLong("id"));
    }
    return ids;
  }

  private static String mine() {
    return "sellerId=" + seller.id();
  }

  @Test
  @DisplayName("filters narrow products by category, price range, condition and stock")
  void filters() {
    assertEquals(Set.of(card), Set.copyOf(ids(search(mine() + "&category=cards"))));
    assertEquals(
        Set.of(sneakers, soldOut),
        Set.copyOf(ids(search(mine() + "&q=sneakers&minPrice=3000&maxPrice=8000"))));
    assertEquals(
        Set.of(usedSneakers), Set.copyOf(ids(search(mine() + "&q=sneaker&condition=good"))));
    assertEquals(
        Set.of(sneakers, usedSneakers),
        Set.copyOf(ids(search(mine() + "&q=sneakers&inStock=true"))));
    JsonObject item = search(mine() + "&q=hiking").getJsonArray("items").getJsonObject(0);
    assertEquals(boots, item.getLong("id"));
    assertEquals("product", item.getString("kind"));
    assertEquals("/products/" + boots, item.getString("href"));
    assertEquals(12_000, item.getLong("priceCents"));
  }

  @Test
  @DisplayName("sorts: price up and down, newest first; relevance puts the closest title first")
  void sorts() {
    assertEquals(
        List.of(usedSneakers, sneakers, soldOut, card, boots),
        ids(search(mine() + "&sort=price_asc")));
    assertEquals(
        List.of(boots, card, soldOut, sneakers, usedSneakers),
        ids(search(mine() + "&sort=price_desc")));
    assertEquals(
        List.of(card, usedSneakers, soldOut, boots, sneakers),
        ids(search(mine() + "&sort=newest")));
    assertEquals(boots, ids(search(mine() + "&q=hiking%20boots")).get(0));
  }

  @Test
  @DisplayName("keyset pages of two walk every result once, in the same order as one big page")
  void pages() {
    for (String sort : List.of("relevance", "price_asc", "price_desc", "newest")) {
      String base = mine() + "&q=court&sort=" + sort;
      List<Long> whole = ids(search(base + "&limit=50"));
      assertEquals(4, whole.size(), sort);
      List<Long> walked = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        JsonObject page =
            search(
                base
                    + "&limit=2"
                    + (after == null
                        ? ""
                        : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        walked.addAll(ids(page));
        after = page.getString("nextAfter");
        pages++;
      } while (after != null);
      assertEquals(whole, walked, sort);
      assertEquals(2, pages, "no empty last page: " + sort);
    }
  }

  @Test
  @DisplayName(
      "lots: a show's run sheet is searchable, live lots filter and sort by ending soon; GET /api/shows takes q and a price range")
  void lotsAndShows() {
    Users.TestUser host = Users.create("seller", "creator");
    long show =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Zanzibar Sneaker Night")
                    .put("category", "sneakers")
                    .put("description", "Grails, one lot at a time.")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(1, ChronoUnit.HOURS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    long quiet =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Zanzibar Stamp Hour")
                    .put("category", "vintage")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(2, ChronoUnit.HOURS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    long club = show(host, "Zanzibar Runner Club", "sneakers", 1);
    long shortLot = lot(host, show, "Zanzibar Runner Yellow", 1_500, 60);
    long queued = lot(host, show, "Zanzibar Slides", 900, 60);
    long longLot = lot(host, club, "Zanzibar Runner Green", 3_000, 300);
    host.api().post("/api/shows/" + show + "/start").expect(200);
    host.api().post("/api/shows/" + club + "/start").expect(200);
    host.api().post("/api/lots/" + longLot + "/start").expect(200);
    host.api().post("/api/lots/" + shortLot + "/start").expect(200);

    // inside one run sheet: "runer" (a typo) finds its runner, not the slides nor the other show's
    JsonObject runSheet = search("kind=lots&showId=" + show + "&q=runer");
    assertEquals(List.of(shortLot), ids(runSheet));
    assertEquals("lot", runSheet.getJsonArray("items").getJsonObject(0).getString("kind"));
    assertEquals(Set.of(shortLot, queued), Set.copyOf(ids(search("kind=lots&showId=" + show))));
    // ending soon: open lots of live shows, the nearest deadline first
    assertEquals(
        List.of(shortLot, longLot),
        ids(search("kind=lots&sort=ending_soon&sellerId=" + host.id() + "&q=zanzibar")));
    assertEquals(
        Set.of(shortLot, longLot),
        Set.copyOf(ids(search("kind=lots&live=true&sellerId=" + host.id()))));
    assertEquals(
        List.of(longLot),
        ids(search("kind=lots&sellerId=" + host.id() + "&minPrice=2000&maxPrice=5000")));

    // products on an open lot of a live show are "live now"
    JsonObject live = search("kind=products&live=true&sellerId=" + host.id());
    assertEquals(2, live.getJsonArray("items").size());

    // shows: platform search and the shows list both take q (typo "zanzibr") and a price range
    assertEquals(
        Set.of(show, quiet, club),
        Set.copyOf(ids(search("kind=shows&q=zanzibr&sellerId=" + host.id()))));
    assertEquals(
        Set.of(show, club),
        Set.copyOf(ids(search("kind=shows&q=zanzibar&live=true&sellerId=" + host.id()))));
    assertEquals(
        Set.of(show, quiet, club),
        Set.copyOf(
            ids(
                TestNode.api()
                    .get("/api/shows?hostId=" + host.id() + "&q=zanzibr")
                    .expect(200)
                    .json())));
    assertEquals(
        List.of(quiet),
        ids(TestNode.api().get("/api/shows?hostId=" + host.id() + "&q=stamps").expect(200).json()));
    assertEquals(
        List.of(club),
        ids(
            TestNode.api()
                .get("/api/shows?hostId=" + host.id() + "&minPrice=2500&maxPrice=3500")
                .expect(200)
                .json()));
    assertEquals(
        List.of(),
        ids(
            TestNode.api()
                .get("/api/shows?hostId=" + host.id() + "&minPrice=50000")
                .expect(200)
                .json()));
    host.api().post("/api/shows/" + show + "/end").expect(200);
    host.api().post("/api/shows/" + club + "/end").expect(200);
  }

  private static long show(Users.TestUser host, String title, String category, int hours) {
    return host.api()
        .post(
            "/api/shows",
            new JsonObject()
                .put("title", title)
                .put("category", category)
                .put(
                    "scheduledAt",
                    Instant.now()
                        .plus(hours, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString()))
        .expect(201)
        .json()
        .getLong("id");
  }

  private static long lot(Users.TestUser host, long show, String title, long cents, int seconds) {
    long product =
        Products.create(host, new JsonObject().put("title", title).put("priceCents", cents * 3))
            .getLong("id");
    return host.api()
        .post(
            "/api/shows/" + show + "/lots",
            new JsonObject()
                .put("productId", product)
                .put("startingPriceCents", cents)
                .put("durationSeconds", seconds)
                .put("mode", "standard"))
        .expect(201)
        .json()
        .getLong("id");
  }

  @Test
  @DisplayName("sellers and instruments are found by misspelt names; suggestions mix the kinds")
  void sellersInstrumentsAndSuggestions() {
    Users.TestUser vault = Users.create("seller");
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE users SET display_name = 'Okavango Card Vault' WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(vault.id()))
        .await();
    assertEquals(
        vault.id(),
        ids(search("kind=sellers&q=okavngo%20card%20valt")).get(0),
        "found by a misspelt name");

    MarketFixture.Listing listing =
        MarketFixture.listed("QZ", new JsonObject().put("name", "Quetzalcoatl Gold Statue"));
    JsonObject instruments = search("kind=instruments&q=quetzalcoatl%20statue");
    JsonObject first = instruments.getJsonArray("items").getJsonObject(0);
    assertEquals(listing.symbol(), first.getString("symbol"));
    assertEquals("/market/" + listing.symbol(), first.getString("href"));
    assertEquals(
        listing.symbol(),
        search("kind=instruments&q=" + listing.symbol().toLowerCase())
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("symbol"));

    product("Quetzalcoatl Feathered Mask", "art", 4_000, 1, "new");
    JsonArray suggested =
        TestNode.api()
            .get("/api/search/suggest?q=quetzalcotl")
            .expect(200)
            .json()
            .getJsonArray("items");
    Set<String> kinds = new HashSet<>();
    for (int i = 0; i < suggested.size(); i++) {
      kinds.add(suggested.getJsonObject(i).getString("kind"));
    }
    assertTrue(kinds.containsAll(Set.of("product", "instrument")), suggested.encode());
    assertTrue(
        TestNode.api()
            .get("/api/search/suggest?q=zzzzqqqq")
            .expect(200)
            .json()
            .getJsonArray("items")
            .isEmpty());
  }

  @Test
  @DisplayName("bad input is a 400 problem with a stable code, never a 500")
  void badInput() {
    var api = TestNode.api();
    api.get("/api/search?sort=cheapest").expectProblem(400, "unknown_sort");
    api.get("/api/search?kind=products&sort=ending_soon").expectProblem(400, "sort_not_available");
    api.get("/api/search?kind=everything").expectProblem(400, "unknown_kind");
    api.get("/api/search?minPrice=5000&maxPrice=100").expectProblem(400, "price_range_invalid");
    api.get("/api/search?maxPrice=99999999999999").expectProblem(400, "price_range_invalid");
    api.get("/api/search?minPrice=-1").expectProblem(400, "price_range_invalid");
    api.get("/api/search?kind=sellers&category=cards").expectProblem(400, "filter_not_available");
    api.get("/api/search?condition=mint").expectProblem(400, "unknown_condition");
    api.get("/api/search?after=bm9wZQ").expectProblem(400, "invalid_cursor");
    String priceCursor = search(mine() + "&sort=price_asc&limit=1").getString("nextAfter");
    assertNotNull(priceCursor);
    api.get("/api/search?sort=newest&after=" + priceCursor).expectProblem(400, "cursor_mismatch");
    api.get("/api/shows?minPrice=900&maxPrice=100").expectProblem(400, "price_range_invalid");
    // punctuation alone is no words: the unfiltered list, not an error
    assertFalse(search(mine() + "&q=%26%7C%21%3A*").getJsonArray("items").isEmpty());
    assertNull(search(mine() + "&limit=50").getString("nextAfter"));
  }
}
