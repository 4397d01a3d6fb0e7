package io.showfloor.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Products;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The relevance set: a catalogue of one seller and queries as people type them (typos, plurals,
 * prefixes, accents, capitals), each with the products that must be in its first five results.
 * Recall (expected products found in the top five, over all expected) is printed and must be 100%.
 */
@DisplayName("Search relevance: typos, plurals, prefixes and accents find what was meant")
class SearchRelevanceTest {
  /** title, category, description */
  private static final String[][] CATALOGUE = {
    {"Air Jordan 1 Retro High OG Chicago", "sneakers", "The 1985 colourway, box included."},
    {"Nike Dunk Low Panda Sneakers", "sneakers", "Black and white leather."},
    {"Adidas Yeezy Boost 350 Zebra", "sneakers", "Primeknit upper."},
    {"New Balance 550 White Green", "sneakers", "Court classic."},
    {"Holo Charizard Base Set 1st Edition", "trading-cards", "Graded PSA 9."},
    {"Pikachu Illustrator Promo Card", "trading-cards", "One of the rarest cards."},
    {"Pokémon Booster Box Scarlet Violet", "trading-cards", "36 sealed packs."},
    {"Blastoise Shadowless Holo", "trading-cards", "Base set, near mint."},
    {"Michael Jordan Rookie Card Fleer 1986", "trading-cards", "Basketball legend."},
    {"Mickey Mantle 1952 Topps Baseball Card", "trading-cards", "Vintage cardboard."},
    {"Rolex Submariner Date Watch", "watches", "Steel, black bezel."},
    {"Omega Speedmaster Moonwatch Professional", "watches", "Hesalite crystal."},
    {"Seiko Presage Cocktail Time", "watches", "Automatic movement."},
    {"Vintage Leica M3 Rangefinder Camera", "cameras", "Double stroke body."},
    {"Canon AE-1 Program Film Camera", "cameras", "With a 50 mm lens."},
    {"Nintendo Game Boy Color Atomic Purple", "video-games", "Handheld console."},
    {"Super Mario 64 Sealed Cartridge", "video-games", "Nintendo 64."},
    {"The Legend of Zelda Ocarina of Time", "video-games", "Gold cartridge."},
    {"PlayStation 5 Digital Edition Console", "video-games", "Two controllers."},
    {"LEGO Millennium Falcon Ultimate Collector", "toys", "7,541 pieces."},
    {"Funko Pop Darth Vader Glow", "toys", "Glows in the dark."},
    {"Hot Wheels Redline Custom Camaro", "toys", "1968 die-cast."},
    {"Crème Brûlée Scented Candle", "home", "Vanilla and caramel."},
    {"Café Racer Leather Jacket", "fashion", "Size M."},
    {"Louis Vuitton Neverfull Tote Bag", "fashion", "Monogram canvas."},
    {"Hermès Birkin 30 Togo Leather", "fashion", "Gold hardware."},
    {"Supreme Box Logo Hoodie Red", "fashion", "Fall/Winter drop."},
    {"Gibson Les Paul Standard Guitar", "music", "Heritage cherry sunburst."},
    {"Fender Stratocaster American Vintage", "music", "Olympic white."},
    {"Pink Floyd Dark Side of the Moon Vinyl Record", "music", "First pressing."},
    {"Signed Messi Barcelona Jersey", "sports", "With certificate."},
    {"Wayne Gretzky Autographed Hockey Puck", "sports", "Oilers."},
    {"Magic the Gathering Black Lotus Alpha", "trading-cards", "The power nine."},
    {"Yu-Gi-Oh Blue-Eyes White Dragon", "trading-cards", "LOB first edition."},
    {"One Piece Luffy Manga Volume 1", "books", "Japanese print."},
    {"Harry Potter Philosopher's Stone First Edition", "books", "Bloomsbury hardback."},
    {"Amazing Spider-Man 300 Comic", "comics", "First Venom."},
    {"Batman Detective Comics 27 Reprint", "comics", "Facsimile."},
    {"Diamond Tennis Bracelet 14k Gold", "jewelry", "Three carats."},
    {"Sterling Silver Pendant Necklace", "jewelry", "925 silver."},
    {"Pokémon Pikachu Plush Toy", "toys", "Soft and huggable."},
    {"Jordan 4 Retro Bred Sneakers", "sneakers", "Black and red."},
    {"Lincoln Penny 1909 S VDB Coin", "coins", "Key date."},
    {"Gold Krugerrand 1oz Bullion Coin", "coins", "South African mint."},
    {"Mystery Box", "trading-cards", "Might hold a Charizard, a Pikachu or a Blastoise."},
  };

  /** query, then the indexes in CATALOGUE that must be in its top five */
  private static final Object[][] QUERIES = {
    // typos
    {"jordn", 0, 41},
    {"charzard", 4},
    {"pikachuu", 5},
    {"blastois", 7},
    {"rolx submariner", 10},
    {"omaga speedmaster", 11},
    {"stratocastr", 28},
    {"gretzki", 31},
    {"millenium falcon", 19},
    {"playstaton", 18},
    {"krugerand", 43},
    {"zelda ocarna", 17},
    // plurals and stems
    {"sneaker", 1, 41},
    {"cameras", 13, 14},
    {"watches", 10},
    {"jordans", 0, 41},
    {"hoodies", 26},
    {"consoles", 15, 18},
    {"guitars", 27},
    {"coins", 42, 43},
    {"comic", 36, 37},
    {"jackets", 23},
    // prefixes, half typed
    {"jord", 0, 41},
    {"chariz", 4},
    {"zeld", 17},
    {"stratoc", 28},
    {"krug", 43},
    {"gretz", 31},
    {"yeez", 2},
    {"spider", 36},
    {"millen", 19},
    // accents and capitals
    {"pokemon booster", 6},
    {"creme brulee", 22},
    {"cafe racer", 23},
    {"hermes birkin", 25},
    {"Pokémon", 6, 40},
    {"brûlée", 22},
    {"PIKACHU PLUSH", 40},
    // several words
    {"air jordan", 0},
    {"dark side of the moon", 29},
    {"black lotus", 32},
    {"blue eyes dragon", 33},
    {"game boy", 15},
    {"mario 64", 16},
    {"darth vader", 20},
    {"les paul", 27},
    {"messi jersey", 30},
    {"tennis bracelet", 38},
    {"silver necklace", 39},
    {"harry potter", 35},
    {"luffy", 34},
    {"mantle 1952", 9},
    {"lincoln penny", 42},
  };

  private static Users.TestUser seller;
  private static final List<Long> ids = new ArrayList<>();

  @BeforeAll
  static void catalogue() {
    seller = Users.create("seller");
    ids.clear();
    for (String[] p : CATALOGUE) {
      ids.add(
          Products.create(
                  seller,
                  new JsonObject()
                      .put("title", p[0])
                      .put("category", p[1])
                      .put("description", p[2]))
              .getLong("id"));
    }
  }

  @Test
  @DisplayName("every query of the set finds its products in the first five (recall 100%)")
  void recall() {
    assertTrue(QUERIES.length >= 40, "the set has at least 40 queries");
    int expected = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    for (Object[] query : QUERIES) {
      String q = (String) query[0];
      List<Long> top = top5(q);
      for (int i = 1; i < query.length; i++) {
        long want = ids.get((Integer) query[i]);
        expected++;
        if (top.contains(want)) {
          found++;
        } else {
          misses.add(
              "'"
                  + q
                  + "' missed "
                  + CATALOGUE[(Integer) query[i]][0]
                  + " (top 5: "
                  + titles(top)
                  + ")");
        }
      }
    }
    System.out.printf(
        "Search relevance: %d queries, recall@5 %d/%d = %.1f percent%n",
        QUERIES.length, found, expected, 100.0 * found / expected);
    misses.forEach(m -> System.out.println("  " + m));
    assertEquals(List.of(), misses);
  }

  @Test
  @DisplayName("a word in the title ranks above the same word in a description")
  void titleOverDescription() {
    List<Long> top = top5("charizard");
    assertEquals(ids.get(4), top.get(0), "the Charizard card comes before the mystery box");
    assertTrue(top.contains(ids.get(44)), "the box that mentions it is found too");
  }

  private static List<Long> top5(String q) {
    JsonArray items =
        seller
            .api()
            .get(
                "/api/search?kind=products&limit=5&sellerId="
                    + seller.id()
                    + "&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8))
            .expect(200)
            .json()
            .getJsonArray("items");
    List<Long> top = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      top.add(items.getJsonObject(i).getLong("id"));
    }
    return top;
  }

  private static String titles(List<Long> top) {
    List<String> names = new ArrayList<>();
    for (long id : top) {
      names.add(CATALOGUE[ids.indexOf(id)][0]);
    }
    return String.join("; ", names);
  }
}
