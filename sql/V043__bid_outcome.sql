-- A bid stores what it did in the auction's words, not as an HTTP status: 'accepted', or the code of
-- the refusal it was answered with (bid_too_low, own_lot, saved_card_required, ...). A replay of its
-- Idempotency-Key answers from outcome and reply exactly as the first answer did; the status is the
-- edge's business (auction.Refusals, platform.http.RefusalStatus).
ALTER TABLE bids ADD COLUMN outcome TEXT;
-- every stored refusal's reply is its problem {code, detail}; an accepted bid was answered 201
UPDATE bids SET outcome = CASE WHEN reply_status = 201 THEN 'accepted' ELSE reply ->> 'code' END;
ALTER TABLE bids ALTER COLUMN outcome SET NOT NULL;
ALTER TABLE bids DROP COLUMN reply_status;
