-- Market holds are reservations, not money movements (issue 18 item 1, docs/LEDGER.md): what an
-- open buy order holds is its locked_cents, subtracted from the trader's cash by the market, and
-- no longer a balance in user:<id>:escrow (or play:<pool>:user:<id>:escrow). Every such balance
-- goes back to the owner's cash account with one balanced ledger transaction per account, so the
-- trial balance and each user's total (cash + held) stay exactly as they were.
CREATE TEMPORARY TABLE escrow_unwind ON COMMIT DROP AS
SELECT e.id AS escrow_id, e.balance_cents AS cents, e.owner_id,
       left(e.code, length(e.code) - length(':escrow')) || ':cash' AS cash_code,
       CASE e.kind WHEN 'user_escrow' THEN 'user_cash' ELSE 'play_cash' END AS cash_kind
FROM ledger_accounts e
WHERE e.kind IN ('user_escrow', 'play_escrow') AND e.balance_cents <> 0;

-- a cash account is always created before its escrow (escrow was only ever locked from cash), but
-- make sure anyway
INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, guarded)
SELECT cash_code, cash_kind, owner_id, 'credit', true FROM escrow_unwind
ON CONFLICT (code) DO NOTHING;

ALTER TABLE escrow_unwind ADD COLUMN cash_id BIGINT, ADD COLUMN tx_id BIGINT;
UPDATE escrow_unwind u SET cash_id = a.id FROM ledger_accounts a WHERE a.code = u.cash_code;

WITH t AS (
  INSERT INTO ledger_transactions (idempotency_key, kind, reference, memo)
  SELECT 'market:escrow-unwound:' || escrow_id, 'market_escrow_unwound', 'ledger_account:' || escrow_id,
         'market holds are reservations on cash (V058_8)'
  FROM escrow_unwind
  RETURNING id, idempotency_key)
UPDATE escrow_unwind u SET tx_id = t.id FROM t WHERE t.idempotency_key = 'market:escrow-unwound:' || u.escrow_id;

-- both accounts are credit-normal: a debit (positive) takes the escrow down, a credit (negative)
-- puts it on cash
INSERT INTO ledger_entries (transaction_id, account_id, amount_cents)
SELECT tx_id, escrow_id, cents FROM escrow_unwind
UNION ALL
SELECT tx_id, cash_id, -cents FROM escrow_unwind;

UPDATE ledger_accounts a SET balance_cents = a.balance_cents - u.cents FROM escrow_unwind u WHERE a.id = u.escrow_id;
UPDATE ledger_accounts a SET balance_cents = a.balance_cents + u.cents FROM escrow_unwind u WHERE a.id = u.cash_id;
