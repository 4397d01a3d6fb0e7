-- Buyer protection in the moderators' queue (issue 14 item 5). An escalated return request and a card
-- dispute each get one queue item, like market surveillance flags: the item gives it a queue id and has no
-- status of its own; commerce's return_requests / payment_disputes keep the truth (read through the
-- return_request_cases and payment_dispute_cases views of V039_10).
ALTER TABLE moderation_items DROP CONSTRAINT moderation_items_target_type_check;
ALTER TABLE moderation_items ADD CONSTRAINT moderation_items_target_type_check CHECK (target_type IN
  ('chat_message', 'user', 'show', 'product', 'review', 'market_instrument', 'market_flag', 'return_request', 'payment_dispute'));
ALTER TABLE moderation_items DROP CONSTRAINT moderation_items_check;
ALTER TABLE moderation_items ADD CONSTRAINT moderation_items_status_owner CHECK
  ((target_type IN ('market_flag', 'return_request', 'payment_dispute')) = (status IS NULL));
CREATE UNIQUE INDEX moderation_items_one_per_case ON moderation_items (target_type, target_id)
  WHERE target_type IN ('return_request', 'payment_dispute');

CREATE FUNCTION moderation_item_for_escalated_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO moderation_items (target_type, target_id, subject_user_id, status, created_at)
  VALUES ('return_request', NEW.id::text, NEW.seller_id, NULL, now())
  ON CONFLICT (target_type, target_id) WHERE target_type IN ('return_request', 'payment_dispute') DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER moderation_item_for_escalation AFTER UPDATE OF status ON return_requests
  FOR EACH ROW WHEN (NEW.status = 'escalated' AND OLD.status IS DISTINCT FROM 'escalated')
  EXECUTE FUNCTION moderation_item_for_escalated_request();

CREATE FUNCTION moderation_item_for_dispute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO moderation_items (target_type, target_id, subject_user_id, status, created_at)
  VALUES ('payment_dispute', NEW.id::text,
          (SELECT min(o.seller_id) FROM orders o WHERE NEW.subject_kind = 'checkout' AND o.checkout_id = NEW.subject_id),
          NULL, now())
  ON CONFLICT (target_type, target_id) WHERE target_type IN ('return_request', 'payment_dispute') DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER moderation_item_for_new_dispute AFTER INSERT ON payment_disputes
  FOR EACH ROW EXECUTE FUNCTION moderation_item_for_dispute();

-- 'buyer_protection': a moderator's ruling on an escalated return request.
ALTER TABLE moderation_audit DROP CONSTRAINT moderation_audit_source_check;
ALTER TABLE moderation_audit ADD CONSTRAINT moderation_audit_source_check
  CHECK (source IN ('queue', 'show', 'reviews', 'console', 'buyer_protection'));
