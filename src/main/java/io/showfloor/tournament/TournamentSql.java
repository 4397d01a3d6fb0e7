package io.showfloor.tournament;

/** The statements of the tournament domain. */
final class TournamentSql {
  private TournamentSql() {}

  static final String INSERT =
      """
      INSERT INTO tournaments (name, rules, host_id, private, invite_code, status, starts_at, ends_at, entry_fee_cents,
        starting_cash_cents, max_entrants, platform_cut_bps, prize_split, market_maker, house_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING\s"""
          + Tournament.COLUMNS;
  static final String BY_ID = "SELECT " + Tournament.COLUMNS + " FROM tournaments WHERE id = $1";
  static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE";
  static final String MOVE =
      "UPDATE tournaments SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING "
          + Tournament.COLUMNS;
  static final String COMPLETE =
      """
      UPDATE tournaments SET status = 'completed', results = $2, paid_out_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'active' RETURNING\s"""
          + Tournament.COLUMNS;
  // the lobby: public tournaments, plus private ones the caller hosts or entered
  static final String PAGE =
      """
      SELECT t.*, (SELECT count(*) FROM tournament_entries e WHERE e.tournament_id = t.id AND e.status <> 'refunded') AS entrants
      FROM tournaments t
      WHERE ($1::text IS NULL OR t.status = $1) AND t.status <> 'draft' AND t.id < $2
        AND (NOT t.private OR t.host_id = $3 OR EXISTS
          (SELECT 1 FROM tournament_entries e WHERE e.tournament_id = t.id AND e.user_id = $3))
      ORDER BY t.id DESC LIMIT $4""";
  static final String DUE =
      """
      SELECT id, status FROM tournaments
      WHERE (status IN ('draft', 'open') AND starts_at <= now()) OR (status = 'active' AND ends_at <= now())
      ORDER BY id LIMIT 50""";
  static final String ACTIVE =
      "SELECT " + Tournament.COLUMNS + " FROM tournaments WHERE status = 'active'";

  static final String INSERT_INSTRUMENT =
      """
      INSERT INTO tournament_instruments (tournament_id, symbol, name, reference_price_cents, anchor_price_cents)
      VALUES ($1, $2, $3, $4, $4)""";
  static final String INSTRUMENTS =
      """
      SELECT symbol, name, reference_price_cents, anchor_price_cents FROM tournament_instruments
      WHERE tournament_id = $1 ORDER BY symbol""";
  static final String ANCHOR =
      "SELECT anchor_price_cents FROM tournament_instruments WHERE symbol = $1";

  static final String INSERT_EVENT =
      "INSERT INTO tournament_events (tournament_id, symbol, headline, shock_bps, at) VALUES ($1, $2, $3, $4, $5) "
          + "RETURNING id, symbol, headline, shock_bps, at, applied_at";
  static final String EVENTS =
      "SELECT id, symbol, headline, shock_bps, at, applied_at FROM tournament_events WHERE tournament_id = $1 ORDER BY at, id";
  // one statement applies a due shock once: the event is marked and the anchor moved together
  static final String APPLY_DUE_EVENTS =
      """
      WITH due AS (
        UPDATE tournament_events e SET applied_at = now()
        FROM tournaments t
        WHERE e.tournament_id = t.id AND t.status = 'active' AND e.applied_at IS NULL AND e.at <= now()
        RETURNING e.id, e.tournament_id, e.symbol, e.headline, e.shock_bps),
      moved AS (
        UPDATE tournament_instruments i
        SET anchor_price_cents = GREATEST(1, i.anchor_price_cents + (i.anchor_price_cents * d.shock_bps) / 10000)
        FROM due d WHERE i.symbol = d.symbol
        RETURNING i.symbol, i.anchor_price_cents)
      SELECT d.*, m.anchor_price_cents FROM due d JOIN moved m ON m.symbol = d.symbol""";

  static final String ENTRY_BY_KEY =
      "SELECT tournament_id FROM tournament_entries WHERE user_id = $1 AND idempotency_key = $2";
  static final String ENTRY_OF =
      """
      SELECT e.*, u.display_name FROM tournament_entries e JOIN user_directory u ON u.id = e.user_id
      WHERE e.tournament_id = $1 AND e.user_id = $2""";
  static final String ENTRY_COUNT =
      "SELECT count(*) AS n FROM tournament_entries WHERE tournament_id = $1 AND status <> 'refunded'";
  static final String INSERT_ENTRY =
      """
      INSERT INTO tournament_entries (tournament_id, user_id, paid_cents, paid_with, payment_id, idempotency_key)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
  static final String ENTRIES =
      """
      SELECT e.*, u.display_name FROM tournament_entries e JOIN user_directory u ON u.id = e.user_id
      WHERE e.tournament_id = $1 ORDER BY e.id""";
  static final String REFUND_ENTRIES =
      """
      UPDATE tournament_entries SET status = 'refunded' WHERE tournament_id = $1 AND status <> 'refunded'
      RETURNING id, user_id, paid_cents, paid_with, payment_id""";
  static final String WRITE_RESULTS =
      """
      UPDATE tournament_entries e SET final_equity_cents = r.equity, final_rank = r.rank, prize_cents = r.prize
      FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::bigint[]) AS r(user_id, equity, rank, prize)
      WHERE e.tournament_id = $1 AND e.user_id = r.user_id""";
  static final String DISQUALIFY =
      """
      UPDATE tournament_entries SET status = 'disqualified', disqualified_by = $3, disqualified_reason = $4
      WHERE tournament_id = $1 AND user_id = $2 AND status = 'entered' RETURNING id""";
  static final String AUDIT =
      """
      INSERT INTO moderation_audit (source, actor_id, action, target_type, target_id, subject_user_id, reason, detail)
      VALUES ('console', $1, 'disqualify_entrant', 'tournament_entry', $2, $3, $4, $5)""";
  static final String HOUSE =
      "SELECT id FROM user_directory WHERE email = 'house@tournaments.showfloor.invalid'";
}
