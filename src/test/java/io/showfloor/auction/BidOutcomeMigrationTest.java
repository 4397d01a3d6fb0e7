package io.showfloor.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.platform.infra.Migrations;
import io.showfloor.testing.TestNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("V043 turns each stored bid's HTTP status into its outcome")
class BidOutcomeMigrationTest {

  @Test
  @DisplayName(
      "bids answered 201 become 'accepted', refused ones their refusal's code, and reply_status is gone")
  void backfill() throws Exception {
    String name = "scratch_v043_" + Long.toHexString(System.nanoTime());
    TestNode.get().platform().db().pool().query("CREATE DATABASE " + name).execute().await();
    DatabaseUrl shared =
        DatabaseUrl.parse(TestNode.get().platform().settings().string("database.url", null));
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://"
                + URLEncoder.encode(shared.user(), StandardCharsets.UTF_8)
                + ":"
                + URLEncoder.encode(shared.password(), StandardCharsets.UTF_8)
                + "@"
                + shared.host()
                + ":"
                + shared.port()
                + "/"
                + name);
    // the schema as it was before V043 (out of order, as Migrations runs it)
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .outOfOrder(true)
        .target("42")
        .load()
        .migrate();
    try (Connection conn = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement sql = conn.createStatement()) {
      // bids as V040 stored them; the lots and bidders they point at do not matter here
      sql.execute("SET session_replication_role = replica");
      sql.execute(
          """
          INSERT INTO bids (lot_id, bidder_id, bidder_name, amount_cents, max_amount_cents, pre_bid, accepted, is_leading,
                            reason, price_after_cents, idempotency_key, reply_status, reply) VALUES
            (1, 1, 'a', 1000, 1000, false, true, true, NULL, 1000, 'k1', 201, '{"bid":{},"lot":{}}'),
            (1, 2, 'b', 500, 500, false, false, false, 'bid_too_low', 1000, 'k2', 409,
             '{"code":"bid_too_low","detail":"The bid is below the minimum next bid"}'),
            (2, 2, 'b', 900, 900, true, true, false, 'bid_too_low', 1000, 'k3', 201, '{"bid":{},"lot":{}}'),
            (1, 3, 'c', 1000, 1000, false, false, false, 'saved_card_required', 1000, NULL, 403,
             '{"code":"saved_card_required","detail":"This show requires a saved card"}'),
            (1, 4, 'd', 2000, 1500, false, false, false, 'invalid_amount', 1000, 'k5', 400,
             '{"code":"invalid_amount","detail":"maxAmountCents must be at least amountCents"}')""");
    }
    Migrations.run(url);
    try (Connection conn = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement sql = conn.createStatement()) {
      try (ResultSet rows = sql.executeQuery("SELECT outcome FROM bids ORDER BY id")) {
        String[] expected = {
          "accepted", "bid_too_low", "accepted", "saved_card_required", "invalid_amount"
        };
        for (String outcome : expected) {
          rows.next();
          // the third is a pre-bid answered 201 and refused only when its lot opened: its key still
          // replays the 201
          assertEquals(outcome, rows.getString(1));
        }
        assertFalse(rows.next());
      }
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT 1 FROM information_schema.columns WHERE table_name = 'bids' AND column_name = 'reply_status'")) {
        assertFalse(rows.next(), "reply_status is dropped");
      }
    }
  }
}
