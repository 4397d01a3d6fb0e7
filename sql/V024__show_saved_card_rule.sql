-- A host may require bidders to have a saved card (charged off-session when they win).
ALTER TABLE shows ADD COLUMN require_saved_card BOOLEAN NOT NULL DEFAULT false;
