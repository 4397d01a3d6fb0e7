package io.showfloor.commerce.returns;

/** The statements of return requests. */
final class ReturnRequestSql {
  private ReturnRequestSql() {}

  private static final String C = ReturnRequest.COLUMNS;
  static final String BY_KEY =
      "SELECT " + C + " FROM return_requests WHERE buyer_id = $1 AND idempotency_key = $2";
  static final String ORDER =
      """
      SELECT id, buyer_id, seller_id, status, dispute_status, total_cents, refunded_cents, paid_at, shipped_at, delivered_at
      FROM orders WHERE id = $1 FOR UPDATE""";
  static final String ACTIVE =
      "SELECT id FROM return_requests WHERE order_id = $1 AND status IN ('open', 'declined', 'escalated')";
  static final String INSERT =
      "INSERT INTO return_requests (order_id, buyer_id, seller_id, reason, message, respond_by, idempotency_key, photos)"
          + " VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6), $7, ("
          // the buyer's own uploads, read through the media domain's view
          // (media.PhotoAttachments checked them)
          + " SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'url', url, 'thumbnailUrl', thumbnail_url)"
          + " ORDER BY id), '[]'::jsonb) FROM media_directory WHERE id = ANY($8) AND owner_id = $2)) RETURNING "
          + C;
  static final String LOCK = "SELECT " + C + " FROM return_requests WHERE id = $1 FOR UPDATE";
  static final String GET = "SELECT " + C + " FROM return_requests WHERE id = $1";
  static final String BUYER_PAGE =
      "SELECT "
          + C
          + " FROM return_requests WHERE buyer_id = $1 AND ($2::bigint IS NULL OR order_id = $2)"
          + " AND id < $3 ORDER BY id DESC LIMIT $4";
  static final String SELLER_PAGE =
      "SELECT "
          + C
          + " FROM return_requests WHERE seller_id = $1 AND ($2::text IS NULL OR status = $2)"
          + " AND id < $3 ORDER BY id DESC LIMIT $4";
  static final String ACCEPT =
      "UPDATE return_requests SET status = $2, refund_cents = $3, return_label_url = $4, decided_by = $5,"
          + " decision_note = $6, decided_at = now(), updated_at = now() WHERE id = $1 RETURNING "
          + C;
  // the provider refused the refund: the request is as it was before the decision
  static final String UNDO_REFUND =
      "UPDATE return_requests SET status = $2, refund_cents = NULL, return_label_url = NULL,"
          + " decided_by = NULL, decision_note = NULL, decided_at = NULL, updated_at = now()"
          + " WHERE id = $1 AND status IN ('accepted', 'refunded') AND refund_id IS NULL";
  static final String REFUNDED =
      "UPDATE return_requests SET refund_id = $2, updated_at = now() WHERE id = $1 AND refund_id IS NULL"
          + " RETURNING "
          + C;
  static final String DECLINE =
      "UPDATE return_requests SET status = 'declined', decline_reason = $2, decided_by = $3, decided_at = now(),"
          + " updated_at = now() WHERE id = $1 AND status = 'open' RETURNING "
          + C;
  static final String ESCALATE =
      "UPDATE return_requests SET status = 'escalated', escalated_by = 'buyer', escalated_at = now(),"
          + " updated_at = now() WHERE id = $1 AND status = 'declined' RETURNING "
          + C;
  static final String REJECT =
      "UPDATE return_requests SET status = 'rejected', decided_by = $2, decision_note = $3, decided_at = now(),"
          + " updated_at = now() WHERE id = $1 AND status = 'escalated' RETURNING "
          + C;
  // rows a seller is answering right now are skipped and come back next pass if still unanswered
  static final String ESCALATE_OVERDUE =
      "WITH due AS (SELECT id FROM return_requests WHERE status = 'open' AND respond_by <= now()"
          + " ORDER BY respond_by LIMIT $1 FOR UPDATE SKIP LOCKED)"
          + " UPDATE return_requests r SET status = 'escalated', escalated_by = 'automatic', escalated_at = now(), updated_at = now()"
          + " FROM due WHERE r.id = due.id AND r.status = 'open' RETURNING "
          + C.replaceAll("(^|, )", "$1r.");
}
