package io.showfloor.auction;

import io.showfloor.account.DemoUsers;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code --demo}: the lots of the simulated hosts' past shows (planted by the shows seed), on the
 * items they sold (planted by the commerce seed), so hammer-price estimates have a history from the
 * first minute. Most lots sold to a simulated bidder, at a hammer drawn around a per-category
 * multiple of the starting price; some went unsold. Drawn from a fixed seed, so every demo world
 * has the same past.
 */
final class PastLotsDemo {
  static final int LOTS_PER_SHOW = 12;
  private static final double UNSOLD = 0.15;
  // median hammer/start multiples by category, and the spread (sigma of the log)
  private static final Map<String, Double> MEDIAN_MULTIPLE =
      Map.of("sneakers", 1.7, "watches", 1.5, "trading-cards", 2.0, "cameras", 1.4);
  private static final double SIGMA = 0.35;

  private static final String PAST_SHOWS =
      """
      SELECT s.id, s.host_id, s.started_at FROM shows s JOIN user_directory u ON u.id = s.host_id
      WHERE lower(u.email) = ANY($1::text[]) AND s.status = 'ended' AND s.title LIKE '%(simulated)'
        AND NOT EXISTS (SELECT 1 FROM lots l WHERE l.show_id = s.id)
      ORDER BY s.started_at, s.id""";
  private static final String SOLD_ITEMS =
      """
      SELECT id, seller_id, category, price_cents FROM product_directory
      WHERE status = 'archived' AND title LIKE '%' || $1 ORDER BY id""";
  private static final String BIDDERS =
      "SELECT id FROM user_directory WHERE lower(email) = ANY($1::text[]) ORDER BY id";
  private static final String INSERT_LOTS =
      """
      INSERT INTO lots (show_id, product_id, seller_id, host_id, position, status, mode, starting_price_cents,
                        duration_seconds, current_price_cents, bid_count, opened_at, ends_at, closed_at,
                        winner_id, hammer_price_cents)
      SELECT show_id, product_id, host_id, host_id, position, status, 'standard', start_cents, 120,
             COALESCE(hammer_cents, start_cents), bids, opened_at, opened_at + interval '2 minutes',
             opened_at + interval '2 minutes', winner_id, hammer_cents
      FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::int[], $5::text[], $6::bigint[], $7::int[],
                  $8::timestamptz[], $9::bigint[], $10::bigint[])
        AS t(show_id, product_id, host_id, position, status, start_cents, bids, opened_at, winner_id, hammer_cents)""";

  private PastLotsDemo() {}

  static DemoSeed seed() {
    return new DemoSeed("auctions.past-sales", PastLotsDemo::plant);
  }

  private record Item(long id, long sellerId, String category, long priceCents) {}

  private static Future<Void> plant(SqlConnection conn) {
    Future<List<Row>> shows = rows(conn, PAST_SHOWS, Tuple.tuple().addArrayOfString(hosts()));
    Future<List<Row>> items =
        shows.compose(
            s ->
                rows(
                    conn, SOLD_ITEMS, Tuple.of(io.showfloor.commerce.catalog.PastSalesDemo.LABEL)));
    Future<List<Row>> bidders =
        items.compose(
            i ->
                rows(
                    conn,
                    BIDDERS,
                    Tuple.tuple()
                        .addArrayOfString(DemoUsers.SIMULATED_BIDDERS.toArray(String[]::new))));
    return bidders.compose(
        b ->
            insert(
                conn,
                shows.result(),
                items.result().stream().map(PastLotsDemo::item).toList(),
                ids(b)));
  }

  private static Future<Void> insert(
      SqlConnection conn, List<Row> shows, List<Item> items, List<Long> bidders) {
    if (shows.isEmpty() || items.isEmpty()) {
      return Future.succeededFuture();
    }
    Random random = new Random(20);
    List<Long> showIds = new ArrayList<>();
    List<Long> productIds = new ArrayList<>();
    List<Long> hostIds = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    List<Integer> bidCounts = new ArrayList<>();
    List<OffsetDateTime> opened = new ArrayList<>();
    List<Long> winners = new ArrayList<>();
    List<Long> hammers = new ArrayList<>();
    for (Row show : shows) {
      long host = show.getLong("host_id");
      List<Item> own = items.stream().filter(i -> i.sellerId() == host).toList();
      for (int k = 0; k < LOTS_PER_SHOW && !own.isEmpty(); k++) {
        Item item = own.get(random.nextInt(own.size()));
        // starting prices a host would pick: 40-70 % of the item's list price, in $5 steps
        long start =
            Math.max(
                500, Math.round(item.priceCents() * (0.4 + 0.3 * random.nextDouble()) / 500) * 500);
        boolean sold = random.nextDouble() >= UNSOLD && !bidders.isEmpty();
        double median = MEDIAN_MULTIPLE.getOrDefault(item.category(), 1.5);
        double multiple = Math.max(1.0, median * Math.exp(SIGMA * random.nextGaussian()));
        showIds.add(show.getLong("id"));
        productIds.add(item.id());
        hostIds.add(host);
        positions.add(k + 1);
        statuses.add(sold ? "sold" : "unsold");
        starts.add(start);
        bidCounts.add(sold ? 1 + random.nextInt(15) : 0);
        opened.add(show.getOffsetDateTime("started_at").plusMinutes(4L * k));
        winners.add(sold ? bidders.get(random.nextInt(bidders.size())) : null);
        hammers.add(sold ? Math.round(start * multiple / 100) * 100 : null);
      }
    }
    Tuple args =
        Tuple.tuple()
            .addArrayOfLong(showIds.toArray(Long[]::new))
            .addArrayOfLong(productIds.toArray(Long[]::new))
            .addArrayOfLong(hostIds.toArray(Long[]::new))
            .addArrayOfInteger(positions.toArray(Integer[]::new))
            .addArrayOfString(statuses.toArray(String[]::new))
            .addArrayOfLong(starts.toArray(Long[]::new))
            .addArrayOfInteger(bidCounts.toArray(Integer[]::new))
            .addArrayOfOffsetDateTime(opened.toArray(OffsetDateTime[]::new))
            .addArrayOfLong(winners.toArray(Long[]::new))
            .addArrayOfLong(hammers.toArray(Long[]::new));
    return conn.preparedQuery(INSERT_LOTS).execute(args).mapEmpty();
  }

  private static String[] hosts() {
    return DemoUsers.SIMULATED_HOSTS.toArray(String[]::new);
  }

  private static Item item(Row row) {
    return new Item(
        row.getLong("id"),
        row.getLong("seller_id"),
        row.getString("category"),
        row.getLong("price_cents"));
  }

  private static List<Long> ids(List<Row> rows) {
    return rows.stream().map(row -> row.getLong("id")).toList();
  }

  private static Future<List<Row>> rows(SqlConnection conn, String sql, Tuple args) {
    return conn.preparedQuery(sql)
        .execute(args)
        .map(
            set -> {
              List<Row> list = new ArrayList<>();
              set.forEach(list::add);
              return list;
            });
  }
}
