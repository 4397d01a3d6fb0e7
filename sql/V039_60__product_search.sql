-- Product search (docs/SEARCH.md): a weighted English document and trigrams of the folded title.
-- The helpers are created by V025 on a fresh database; repeated here so this migration stands alone.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
CREATE OR REPLACE FUNCTION search_document(title text, tags text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(title, ''))), 'A')
            || setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(tags, ''))), 'B')
            || setweight(to_tsvector('english'::regconfig, public.search_fold(coalesce(body, ''))), 'C') $$;

-- the older `search` column (simple words, GET /api/products?q=) stays as it was
ALTER TABLE products
  ADD COLUMN search_doc tsvector
    GENERATED ALWAYS AS (search_document(title, replace(category, '-', ' '), description)) STORED;
CREATE INDEX products_search_doc ON products USING gin (search_doc) WHERE status = 'active';
CREATE INDEX products_title_trigrams ON products USING gin (search_fold(title) gin_trgm_ops)
  WHERE status = 'active';
-- suggestions as you type walk this one nearest first (ORDER BY title_key <->> typed LIMIT n), so
-- a short prefix that matches thousands of titles still reads only the few it shows
CREATE INDEX products_title_nearest ON products USING gist (search_fold(title) gist_trgm_ops (siglen = 256))
  WHERE status = 'active';
CREATE INDEX products_active_price ON products (price_cents, id) WHERE status = 'active';

-- The catalogue's search port in SQL: what platform search may read about a product, with stock
-- reduced to "can be bought now" (stock itself changes only through commerce's services).
CREATE VIEW product_search AS
SELECT id, seller_id, title, description, category, condition, price_cents, image_urls, status,
       created_at, stock > 0 AS in_stock, search_doc, search_fold(title) AS title_key
FROM products;
