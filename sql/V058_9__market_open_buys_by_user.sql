-- What a trader's open buy orders hold, summed over every book of a pool when a book decides
-- whether an order is covered, when the wallet shows or spends cash, and for the reconciliation
-- (docs/MARKET.md "Holds"): an index-only read of the trader's open buys.
CREATE INDEX market_orders_open_buys_by_user ON market_orders (user_id, symbol) INCLUDE (locked_cents)
  WHERE side = 'buy' AND status IN ('active', 'partial');
