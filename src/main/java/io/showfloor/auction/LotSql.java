package io.showfloor.auction;

/** The auction statements, in one place. */
final class LotSql {
  private LotSql() {}

  static final String SHOW_FOR_HOST = "SELECT id, host_id, status FROM shows WHERE id = $1";

  /** Whose product it is, through the catalogue's read port (V039_6). */
  static final String PRODUCT = "SELECT id, seller_id FROM product_directory WHERE id = $1";

  static final String INSERT_LOT =
      """
      INSERT INTO lots (show_id, product_id, seller_id, host_id, position, mode, starting_price_cents,
                        reserve_price_cents, buy_now_price_cents, duration_seconds, extend_seconds, current_price_cents)
      VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM lots WHERE show_id = $1),
              $5, $6, $7, $8, $9, $10, $6)
      RETURNING *, clock_timestamp() AS now""";

  static final String BY_ID =
      "SELECT l.*, clock_timestamp() AS now, "
          + Lot.OFFER_COLUMNS
          + " FROM lots l LEFT JOIN lot_offers f ON f.lot_id = l.id WHERE l.id = $1";

  /**
   * A lot with what its show requires of bidders, for the checks made before a bid queues on the
   * lot.
   */
  /**
   * The lot, its show's saved-card rule and the bidder's ($2) sanctions in that show: one round
   * trip per bid.
   */
  static final String FOR_BID =
      "SELECT l.*, clock_timestamp() AS now, s.require_saved_card, "
          + io.showfloor.show.ShowAccess.SANCTION_COLUMNS
          + " FROM lots l JOIN shows s ON s.id = l.show_id WHERE l.id = $1";

  /** Ends an open runner-up offer ($2: declined or expired); the lot ends unsold. */
  static final String END_OFFER =
      """
      WITH f AS (UPDATE lot_offers SET status = $2, decided_at = now() WHERE lot_id = $1 AND status = 'offered')
      UPDATE lots SET status = 'unsold', awaiting_payment = false WHERE id = $1 AND status = 'offered'""";

  static final String EXISTS = "SELECT id FROM lots WHERE id = $1";

  static final String LOCK =
      "SELECT *, clock_timestamp() AS now FROM lots WHERE id = $1 FOR UPDATE";

  /**
   * The lots of one transaction of bids ($1), locked in id order (the sort runs below the lock), so
   * two transactions never wait on each other in a cycle.
   */
  static final String LOCK_MANY =
      "SELECT *, clock_timestamp() AS now FROM lots WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE";

  static final String BY_SHOW =
      "SELECT l.*, clock_timestamp() AS now, "
          + Lot.OFFER_COLUMNS
          + " FROM lots l LEFT JOIN lot_offers f ON f.lot_id = l.id WHERE l.show_id = $1 ORDER BY l.position, l.id";

  static final String QUEUED_IDS_OF_SHOW =
      "SELECT id FROM lots WHERE show_id = $1 AND status = 'queued' FOR UPDATE";

  static final String SET_POSITION = "UPDATE lots SET position = $2 WHERE id = $1";

  /**
   * An accepted bid: the bid row and the lot's new state in one statement, to hold the row lock
   * briefly.
   */
  static final String ACCEPT_BID =
      """
      WITH bid AS (
        INSERT INTO bids (lot_id, bidder_id, bidder_name, amount_cents, max_amount_cents, pre_bid, accepted, is_leading,
                          reason, price_after_cents, ends_at_after, idempotency_key, outcome, reply)
        VALUES ($1, $2, $3, $4, $5, false, true, $6, NULL, $7, $8, $9, 'accepted', $10)
        RETURNING id, created_at),
      lot AS (
        UPDATE lots SET current_price_cents = $7, leader_id = $11, leader_name = $12, leader_max_cents = $13,
                        leader_since = $14, bid_count = $15, ends_at = $8
        WHERE id = $1)
      SELECT id, created_at FROM bid""";

  /**
   * Every bid of one transaction ($1..$14, in the order decided) and each changed lot's new state
   * ($15..$22), in one statement ({@link BidWrites}). The ids come back in the order the rows were
   * inserted, which is the order decided. The lots are also matched with {@code id = ANY}: an index
   * lookup whatever plan the connection cached (a generic plan planned while the table was small
   * may join the unnest to a scan of every lot, as the mail and stock updates found before).
   */
  static final String WRITE_BIDS =
      """
      WITH lot AS (
        UPDATE lots l SET current_price_cents = u.price, leader_id = u.leader_id, leader_name = u.leader_name,
                          leader_max_cents = u.leader_max, leader_since = u.leader_since, bid_count = u.bid_count,
                          ends_at = u.ends_at
        FROM unnest($15::bigint[], $16::bigint[], $17::bigint[], $18::text[], $19::bigint[], $20::timestamptz[],
                    $21::int[], $22::timestamptz[])
             AS u (id, price, leader_id, leader_name, leader_max, leader_since, bid_count, ends_at)
        WHERE l.id = ANY($15::bigint[]) AND l.id = u.id),
      bid AS (
        INSERT INTO bids (lot_id, bidder_id, bidder_name, amount_cents, max_amount_cents, pre_bid, accepted, is_leading,
                          reason, price_after_cents, ends_at_after, idempotency_key, outcome, reply)
        SELECT lot_id, bidder_id, bidder_name, amount_cents, max_amount_cents, pre_bid, accepted, is_leading,
               reason, price_after_cents, ends_at_after, idempotency_key, outcome, reply::jsonb
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bool[], $7::bool[],
                    $8::bool[], $9::text[], $10::bigint[], $11::timestamptz[], $12::text[], $13::text[], $14::text[])
             WITH ORDINALITY
             AS b (lot_id, bidder_id, bidder_name, amount_cents, max_amount_cents, pre_bid, accepted, is_leading,
                   reason, price_after_cents, ends_at_after, idempotency_key, outcome, reply, ord)
        ORDER BY ord
        RETURNING id, created_at)
      SELECT id, created_at FROM bid ORDER BY id""";

  static final String OPEN =
      """
      UPDATE lots SET status = 'open', opened_at = $2, ends_at = $3, current_price_cents = $4, leader_id = $5,
                      leader_name = $6, leader_max_cents = $7, leader_since = $8, bid_count = $9
      WHERE id = $1 AND status = 'queued'
      RETURNING *, clock_timestamp() AS now""";

  static final String CANCEL =
      """
      UPDATE lots SET status = 'cancelled', closed_at = clock_timestamp()
      WHERE id = $1 AND (status = 'queued' OR (status = 'open' AND bid_count = 0))
      RETURNING *, clock_timestamp() AS now""";

  /**
   * What a bidder's key was answered: {@code outcome} is 'accepted' or the refusal's code, {@code
   * reply} the answer's body.
   */
  static final String REPLAY =
      "SELECT id, created_at, outcome, reply FROM bids WHERE bidder_id = $1 AND idempotency_key = $2";

  static final String PRE_BIDS =
      """
      SELECT id, bidder_id, bidder_name, max_amount_cents, created_at FROM bids
      WHERE lot_id = $1 AND pre_bid AND accepted ORDER BY id""";

  static final String MARK_PRE_BID =
      "UPDATE bids SET is_leading = $2, price_after_cents = $3, reason = $4 WHERE id = $1";

  static final String HISTORY =
      """
      SELECT id, lot_id, bidder_id, bidder_name, amount_cents, accepted, is_leading, pre_bid, price_after_cents, created_at
      FROM bids WHERE lot_id = $1 AND accepted AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"""; // the page's limit + 1 (KeysetPage)

  // statement_timestamp(), not clock_timestamp(): a stable function can bound the deadline index,
  // a volatile one is only a filter over every open lot (4.7 ms a sweep with 1,000 open lots)
  static final String DUE =
      """
      SELECT id FROM lots WHERE status = 'open' AND ends_at <= statement_timestamp() ORDER BY ends_at LIMIT 100""";

  static final String LOCK_DUE =
      """
      SELECT *, clock_timestamp() AS now FROM lots
      WHERE id = $1 AND status = 'open' AND ends_at <= clock_timestamp() FOR UPDATE SKIP LOCKED""";

  static final String CLOSE =
      """
      UPDATE lots SET status = $2, closed_at = clock_timestamp(), winner_id = $3, hammer_price_cents = $4, order_id = $5,
                      awaiting_payment = $5::bigint IS NOT NULL
      WHERE id = $1 AND status = 'open'
      RETURNING *, clock_timestamp() AS now""";

  static final String SELL_NOW =
      """
      UPDATE lots SET status = 'sold', closed_at = $2, ends_at = $2, winner_id = $3, hammer_price_cents = $4,
                      current_price_cents = $4, order_id = $5, awaiting_payment = $5::bigint IS NOT NULL
      WHERE id = $1 AND status = 'open'
      RETURNING *, clock_timestamp() AS now""";

  static final String OPEN_DEADLINES = "SELECT id, ends_at FROM lots WHERE status = 'open'";
}
