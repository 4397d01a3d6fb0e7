-- A seller who cancels an unpaid order says why; the buyer reads it on the order (issue 14, item 4).
ALTER TABLE orders ADD COLUMN cancel_note TEXT CHECK (cancel_note IS NULL OR length(cancel_note) <= 500);
