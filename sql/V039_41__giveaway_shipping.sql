-- A giveaway's prize ships free or the winner pays its shipping, by the host's choice (issue 14, item 3).
-- A row names a giveaway whose winner pays. A side table, without a foreign key, because this commerce-
-- numbered migration runs before V041 creates giveaways in a fresh database.
CREATE TABLE giveaway_winner_pays_shipping (
  giveaway_id BIGINT PRIMARY KEY
);
