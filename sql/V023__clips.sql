-- Highlights of a show: a time range (seconds from the show's start) and a title, marked by the host or
-- a viewer. The video comes from the show's recording when there is one (see shows.recording_url).
CREATE TABLE clips (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id       BIGINT      NOT NULL REFERENCES shows (id),
  created_by    BIGINT      NOT NULL REFERENCES users (id),
  title         TEXT        NOT NULL,
  start_seconds INT         NOT NULL CHECK (start_seconds >= 0),
  end_seconds   INT         NOT NULL,
  -- the product featured in the clip, for its product page; checked against commerce's products when
  -- the clip is made (not a foreign key: these migrations run before the commerce ones)
  product_id    BIGINT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at    TIMESTAMPTZ,
  CHECK (end_seconds > start_seconds)
);
CREATE INDEX clips_by_show ON clips (show_id, id);
CREATE INDEX clips_by_product ON clips (product_id, id) WHERE product_id IS NOT NULL;

-- The LiveKit egress recording the show's room, when egress is configured; its egress_ended webhook
-- fills shows.recording_url.
ALTER TABLE shows ADD COLUMN recording_egress_id TEXT;
