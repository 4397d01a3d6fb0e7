-- Search (docs/SEARCH.md). Shows are the first table searched, so this migration also brings the two
-- extensions and the folding helpers every searched table uses; V039_60 and V070 repeat them with
-- IF NOT EXISTS / OR REPLACE, so each migration stands on its own whatever order Flyway applies them in.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could be swapped), so it cannot be indexed. Naming the
-- dictionary and declaring the wrapper IMMUTABLE is the documented way to index it: "Pokémon",
-- "POKEMON" and "pokemon" all fold to "pokemon".
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- One weighted English document (stems: "sneakers" and "sneaker" meet): the title counts most (A),
-- tags such as the category next (B), the description least (C).
CREATE OR REPLACE FUNCTION search_document(title text, tags text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(title, ''))), 'A')
            || setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(tags, ''))), 'B')
            || setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(body, ''))), 'C') $$;

ALTER TABLE shows
  ADD COLUMN search_doc tsvector
    GENERATED ALWAYS AS (search_document(title, replace(category, '-', ' '), description)) STORED;
CREATE INDEX shows_search_doc ON shows USING gin (search_doc);
-- typos and prefixes of a title ("charzard", "jord") go through trigrams of the folded title
CREATE INDEX shows_title_trigrams ON shows USING gin (search_fold(title) gin_trgm_ops);
