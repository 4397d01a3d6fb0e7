-- Analytics read sales by the time they were paid and refunds by the time they completed.
CREATE INDEX orders_paid_at ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_seller_paid_at ON orders (seller_id, paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX refunds_completed_at ON refunds (completed_at) WHERE status = 'succeeded';
CREATE INDEX users_created_at ON users (created_at);
CREATE INDEX shows_started_at ON shows (started_at) WHERE started_at IS NOT NULL;
