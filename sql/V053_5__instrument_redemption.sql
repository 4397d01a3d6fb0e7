-- A holder of every share may redeem the physical item: the instrument is delisted, its history stays (issue 14, item 6).
ALTER TABLE market_instruments DROP CONSTRAINT market_instruments_status_check;
ALTER TABLE market_instruments ADD CONSTRAINT market_instruments_status_check
  CHECK (status IN ('pending', 'approved', 'rejected', 'delisted'));
