-- Buyer protection (issue 14 item 5): return/refund requests and Stripe disputes with their holds.

-- A buyer's request to get money back on a paid order. open -> accepted (the seller refunded) or
-- declined -> escalated (by the buyer, or automatically when respond_by passes while open) ->
-- refunded / rejected by a moderator. refund_id is the refund that carried an accepted or refunded outcome.
CREATE TABLE return_requests (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id         BIGINT      NOT NULL REFERENCES orders (id),
  buyer_id         BIGINT      NOT NULL REFERENCES users (id),
  seller_id        BIGINT      NOT NULL REFERENCES users (id),
  reason           TEXT        NOT NULL CHECK (reason IN ('not_received', 'not_as_described', 'damaged', 'changed_mind')),
  message          TEXT        NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
  status           TEXT        NOT NULL DEFAULT 'open'
                               CHECK (status IN ('open', 'accepted', 'declined', 'escalated', 'refunded', 'rejected')),
  respond_by       TIMESTAMPTZ NOT NULL,
  refund_cents     BIGINT      CHECK (refund_cents > 0),
  return_label_url TEXT,
  decline_reason   TEXT,
  refund_id        BIGINT      REFERENCES refunds (id),
  escalated_by     TEXT        CHECK (escalated_by IN ('buyer', 'automatic')),
  escalated_at     TIMESTAMPTZ,
  decided_by       BIGINT      REFERENCES users (id),
  decision_note    TEXT,
  decided_at       TIMESTAMPTZ,
  idempotency_key  TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- one request at a time per order: a second one while this one is unsettled is refused
CREATE UNIQUE INDEX return_requests_one_active ON return_requests (order_id) WHERE status IN ('open', 'declined', 'escalated');
CREATE UNIQUE INDEX return_requests_buyer_key ON return_requests (buyer_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX return_requests_by_buyer ON return_requests (buyer_id, id DESC);
CREATE INDEX return_requests_by_seller ON return_requests (seller_id, id DESC);
-- what the escalation sweep scans
CREATE INDEX return_requests_unanswered ON return_requests (respond_by) WHERE status = 'open';

-- A card dispute (chargeback) reported by the payment provider. Opened by charge.dispute.created (or by
-- a .closed that arrives first), closed once as won or lost.
CREATE TABLE payment_disputes (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider            TEXT        NOT NULL,
  provider_dispute_id TEXT        NOT NULL UNIQUE,
  payment_id          TEXT,
  subject_kind        TEXT        NOT NULL,
  subject_id          BIGINT      NOT NULL,
  amount_cents        BIGINT      NOT NULL CHECK (amount_cents >= 0),
  reason              TEXT,
  status              TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  evidence_due_by     TIMESTAMPTZ,
  refunded_cents      BIGINT      NOT NULL DEFAULT 0,
  opened_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at           TIMESTAMPTZ
);
CREATE INDEX payment_disputes_by_subject ON payment_disputes (subject_kind, subject_id);

-- The seller's share of each disputed order, moved from their payable to a hold account while the dispute is open.
CREATE TABLE payment_dispute_holds (
  dispute_id  BIGINT NOT NULL REFERENCES payment_disputes (id),
  order_id    BIGINT NOT NULL REFERENCES orders (id),
  seller_id   BIGINT NOT NULL REFERENCES users (id),
  hold_cents  BIGINT NOT NULL CHECK (hold_cents >= 0),
  PRIMARY KEY (dispute_id, order_id)
);

-- A dispute lost is a refund the card network made: its refunds row says so.
ALTER TABLE refunds DROP CONSTRAINT refunds_origin_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_origin_check CHECK (origin IN ('api', 'provider', 'dispute'));

-- Read ports for moderation's queue: what a moderator needs to decide on an escalated request or to
-- answer a dispute (the order, its shipping and its delivery confirmation), as commerce shapes it.
CREATE VIEW order_evidence AS
SELECT o.id AS order_id,
       jsonb_build_object('orderId', o.id, 'buyerId', o.buyer_id, 'sellerId', o.seller_id, 'status', o.status,
         'totalCents', o.total_cents, 'refundedCents', o.refunded_cents, 'paidAt', o.paid_at,
         'shippingAddress', o.shipping_address, 'carrier', o.carrier, 'trackingNumber', o.tracking_number,
         'shippedAt', o.shipped_at, 'deliveredAt', o.delivered_at, 'deliveryConfirmedBy', o.delivery_confirmed_by,
         'disputeStatus', o.dispute_status,
         'lines', (SELECT jsonb_agg(jsonb_build_object('title', l.title, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents) ORDER BY l.id)
                   FROM order_lines l WHERE l.order_id = o.id)) AS evidence
FROM orders o;

CREATE VIEW return_request_cases AS
SELECT r.id, r.seller_id, r.buyer_id,
       CASE r.status WHEN 'escalated' THEN 'open' WHEN 'refunded' THEN 'actioned' ELSE 'dismissed' END AS queue_status,
       jsonb_build_object('requestId', r.id, 'orderId', r.order_id, 'reason', r.reason, 'message', r.message,
         'status', r.status, 'declineReason', r.decline_reason, 'escalatedBy', r.escalated_by, 'escalatedAt', r.escalated_at,
         'refundCents', r.refund_cents, 'decisionNote', r.decision_note, 'createdAt', r.created_at,
         'order', e.evidence) AS target
FROM return_requests r JOIN order_evidence e ON e.order_id = r.order_id;

CREATE VIEW payment_dispute_cases AS
SELECT d.id, CASE d.status WHEN 'open' THEN 'open' ELSE 'actioned' END AS queue_status,
       (SELECT min(o.seller_id) FROM orders o WHERE d.subject_kind = 'checkout' AND o.checkout_id = d.subject_id) AS seller_id,
       jsonb_build_object('disputeId', d.id, 'providerDisputeId', d.provider_dispute_id, 'provider', d.provider,
         'amountCents', d.amount_cents, 'reason', d.reason, 'status', d.status, 'evidenceDueBy', d.evidence_due_by,
         'openedAt', d.opened_at, 'closedAt', d.closed_at, 'subject', d.subject_kind || ':' || d.subject_id,
         'orders', COALESCE((SELECT jsonb_agg(e.evidence ORDER BY o.id) FROM orders o JOIN order_evidence e ON e.order_id = o.id
                             WHERE d.subject_kind = 'checkout' AND o.checkout_id = d.subject_id AND o.status <> 'cancelled'), '[]'::jsonb))
         AS target
FROM payment_disputes d;
