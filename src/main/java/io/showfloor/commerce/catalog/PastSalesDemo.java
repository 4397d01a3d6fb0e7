package io.showfloor.commerce.catalog;

import io.showfloor.account.DemoUsers;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * {@code --demo}: the items the simulated hosts sold in their past shows (auctions' {@code
 * auctions.past-sales} seed puts them in lots). Archived with no stock: they sold, so nobody can
 * buy them, and their titles say they are simulated.
 */
public final class PastSalesDemo {
  /** Titles of these items end with this, so the auctions seed and people can tell them apart. */
  public static final String LABEL = "(simulated past sale)";

  private record Item(int host, String sku, String title, String category, long priceCents) {}

  private static final List<Item> ITEMS =
      List.of(
          new Item(0, "jordan-4-bred", "Air Jordan 4 Bred", "sneakers", 30_000),
          new Item(0, "dunk-high-syracuse", "Nike Dunk High Syracuse", "sneakers", 15_000),
          new Item(0, "yeezy-700-wave", "Yeezy 700 Wave Runner", "sneakers", 24_000),
          new Item(0, "asics-gel-kayano", "Asics Gel-Kayano 14", "sneakers", 12_000),
          new Item(0, "af1-low-white", "Nike Air Force 1 Low White", "sneakers", 9_000),
          new Item(1, "seiko-6139", "Seiko 6139 chronograph", "watches", 35_000),
          new Item(1, "tissot-visodate", "Tissot Visodate, 1960s", "watches", 28_000),
          new Item(1, "casio-ae1200", "Casio AE-1200 World Time", "watches", 3_000),
          new Item(1, "canon-ae1", "Canon AE-1 Program", "cameras", 18_000),
          new Item(2, "blastoise-base", "Blastoise Base Set holo", "trading-cards", 40_000),
          new Item(
              2,
              "jordan-fleer-reprint",
              "Basketball rookie reprint, graded 9",
              "trading-cards",
              12_000),
          new Item(2, "lugia-neo", "Lugia Neo Genesis holo", "trading-cards", 30_000),
          new Item(
              2,
              "yugioh-blue-eyes",
              "Blue-Eyes White Dragon, first edition",
              "trading-cards",
              20_000));

  private PastSalesDemo() {}

  public static DemoSeed seed() {
    return new DemoSeed(
        "commerce.past-sales",
        conn -> {
          Future<Void> chain = Future.succeededFuture();
          for (Item item : ITEMS) {
            chain =
                chain.compose(
                    v ->
                        conn.preparedQuery(
                                """
                INSERT INTO products (seller_id, sku, title, description, category, condition, price_cents, stock, status)
                SELECT id, $2, $3, $4, $5, 'good', $6, 0, 'archived' FROM user_directory WHERE lower(email) = $1
                ON CONFLICT (seller_id, sku) DO NOTHING""")
                            .execute(
                                Tuple.of(
                                    DemoUsers.SIMULATED_HOSTS.get(item.host()),
                                    "SIM-PAST-" + item.sku(),
                                    item.title() + " " + LABEL,
                                    "Sold in a past show of the simulated --demo world.",
                                    item.category(),
                                    item.priceCents()))
                            .mapEmpty());
          }
          return chain;
        });
  }
}
