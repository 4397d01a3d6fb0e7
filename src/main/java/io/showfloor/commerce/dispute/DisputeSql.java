package io.showfloor.commerce.dispute;

/** The statements of card disputes and their holds. */
final class DisputeSql {
  private DisputeSql() {}

  static final String OPEN =
      """
      INSERT INTO payment_disputes (provider, provider_dispute_id, payment_id, subject_kind, subject_id, amount_cents, reason,
                                    evidence_due_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (provider_dispute_id) DO NOTHING RETURNING id""";
  // the same predicate the dispute flag always had: every order of the payment but the cancelled
  // ones
  static final String FLAG_ORDERS =
      """
      UPDATE orders SET dispute_status = 'open', updated_at = now() WHERE checkout_id = $1 AND status <> 'cancelled'
      RETURNING id""";
  static final String HOLD =
      "INSERT INTO payment_dispute_holds (dispute_id, order_id, seller_id, hold_cents) VALUES ($1, $2, $3, $4)";
  static final String CLOSE =
      """
      UPDATE payment_disputes SET status = $2, closed_at = now() WHERE provider_dispute_id = $1 AND status = 'open'
      RETURNING id, amount_cents""";
  static final String HOLDS =
      "SELECT order_id, seller_id, hold_cents FROM payment_dispute_holds WHERE dispute_id = $1 ORDER BY order_id";
  static final String SETTLE_ORDERS =
      """
      UPDATE orders SET dispute_status = $2, updated_at = now() WHERE checkout_id = $1 AND dispute_status = 'open'
      RETURNING id, buyer_id, seller_id""";
  // what a lost dispute gives back lands on the payment's orders oldest first, as a refund made at
  // the provider
  static final String REFUNDABLE =
      """
      SELECT id, total_cents - refunded_cents AS left FROM orders
      WHERE checkout_id = $1 AND status IN ('paid', 'shipped', 'delivered', 'partially_refunded') ORDER BY id FOR UPDATE""";
  static final String REFUND =
      """
      INSERT INTO refunds (order_id, amount_cents, origin, reason, idempotency_key)
      VALUES ($1, $2, 'dispute', 'card dispute lost', $3) RETURNING id""";
  static final String RESERVE =
      "UPDATE orders SET refunded_cents = refunded_cents + $2, updated_at = now() WHERE id = $1";
  static final String RECORD_REFUNDED =
      "UPDATE payment_disputes SET refunded_cents = $2 WHERE id = $1";
  static final String BUYERS = "SELECT DISTINCT buyer_id FROM orders WHERE checkout_id = $1";
}
