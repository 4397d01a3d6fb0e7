-- Platform search (docs/SEARCH.md) over sellers: trigrams of the folded display name, so "jordn"
-- finds the seller "Jordan's Cards". The helpers are created by V025; repeated so this stands alone.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- an index only: the users table stays the account domain's, read through user_directory
CREATE INDEX users_display_name_trigrams ON users USING gin (search_fold(display_name) gin_trgm_ops);

-- How close a typo may be. "charzard" shares 7 of its 9 trigrams with "charizard", but word
-- similarity also counts the 3 trigrams of "charizard" it lacks: 7 / 12 = 0.58, under pg_trgm's
-- default 0.6. At 0.5 one wrong, missing or doubled letter in a word of six or more gets through;
-- ranking puts the close ones first. Set for the database so every pooled session has it; a role
-- that may not alter the database keeps the default (typos are forgiven a little less).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = 0.5', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm.word_similarity_threshold left at its default: %', SQLERRM;
END
$$;
