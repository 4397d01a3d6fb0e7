-- A giveaway's prize ships free or the winner pays its shipping, by the host's choice (issue 14, item 3).
ALTER TABLE giveaways ADD COLUMN winner_pays_shipping BOOLEAN NOT NULL DEFAULT false;
