-- Platform moderation: reports from users, the queue of reported targets, and an append-only audit trail.

-- A suspension ends by itself at suspended_until (accounts checks it at login, refresh and on every
-- authenticated request); status 'suspended' stays the accounts domain's open-ended switch.
ALTER TABLE users ADD COLUMN suspended_until TIMESTAMPTZ;

-- One queue item per reported target while it is open; reports on a resolved target open a new one.
-- target_id is text because market instruments are keyed by symbol; numeric ids are stored in decimal.
-- subject_user_id is whose content it is (author, host, seller, the reported user), read when reported.
-- Items for the market's surveillance flags have no status of their own: the flag's status is the truth.
CREATE TABLE moderation_items (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_type      TEXT        NOT NULL CHECK (target_type IN
                     ('chat_message', 'user', 'show', 'product', 'review', 'market_instrument', 'market_flag')),
  target_id        TEXT        NOT NULL,
  -- the id as a number for every type but instruments, so joins to the target's table use its key
  target_num       BIGINT      GENERATED ALWAYS AS (CASE WHEN target_id ~ '^[0-9]{1,18}$' THEN target_id::bigint END) STORED,
  subject_user_id  BIGINT      REFERENCES users (id),
  show_id          BIGINT      REFERENCES shows (id),
  status           TEXT        CHECK (status IN ('open', 'actioned', 'dismissed')),
  report_count     INT         NOT NULL DEFAULT 0,
  last_reported_at TIMESTAMPTZ,
  resolution       TEXT,
  resolution_note  TEXT,
  resolved_by      BIGINT      REFERENCES users (id),
  resolved_at      TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((target_type = 'market_flag') = (status IS NULL))
);
CREATE UNIQUE INDEX moderation_items_one_open ON moderation_items (target_type, target_id) WHERE status = 'open';
CREATE UNIQUE INDEX moderation_items_one_per_flag ON moderation_items (target_id) WHERE target_type = 'market_flag';
CREATE INDEX moderation_items_by_status ON moderation_items (status, id DESC);
CREATE INDEX moderation_items_by_subject ON moderation_items (subject_user_id, target_type);

CREATE TABLE moderation_reports (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id     BIGINT      NOT NULL REFERENCES moderation_items (id),
  reporter_id BIGINT      NOT NULL REFERENCES users (id),
  target_type TEXT        NOT NULL,
  target_id   TEXT        NOT NULL,
  reason      TEXT        NOT NULL CHECK (reason IN ('spam', 'harassment', 'counterfeit', 'prohibited_item', 'fraud', 'other')),
  note        TEXT        CHECK (length(note) <= 500),
  status      TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  resolved_at TIMESTAMPTZ,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- one open report per reporter per target: a repeat finds this one
CREATE UNIQUE INDEX moderation_reports_one_open ON moderation_reports (reporter_id, target_type, target_id) WHERE status = 'open';
CREATE INDEX moderation_reports_by_reporter ON moderation_reports (reporter_id, id DESC);
CREATE INDEX moderation_reports_by_item ON moderation_reports (item_id);
CREATE INDEX moderation_reports_upheld ON moderation_reports (status, resolved_at) WHERE status = 'upheld';

-- Every moderation action, platform-wide. source 'queue': a moderator acting on a queue item;
-- 'show': an entry of a show's own moderation log (host, co-hosts, show moderators);
-- 'reviews': a moderator hiding or showing a review on the reviews page.
-- xact_id ties the rows written by one transaction together (a queue action that deletes a chat
-- message is logged once, as the queue action, not again as the show's deletion).
CREATE TABLE moderation_audit (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source          TEXT        NOT NULL CHECK (source IN ('queue', 'show', 'reviews')),
  actor_id        BIGINT      NOT NULL REFERENCES users (id),
  action          TEXT        NOT NULL,
  target_type     TEXT        NOT NULL,
  target_id       TEXT        NOT NULL,
  subject_user_id BIGINT      REFERENCES users (id),
  item_id         BIGINT      REFERENCES moderation_items (id),
  show_id         BIGINT      REFERENCES shows (id),
  reason          TEXT,
  detail          JSONB       NOT NULL DEFAULT '{}'::jsonb,
  xact_id         BIGINT      NOT NULL DEFAULT txid_current(),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX moderation_audit_by_actor ON moderation_audit (actor_id, id DESC);
CREATE INDEX moderation_audit_by_target ON moderation_audit (target_type, target_id, id DESC);
CREATE INDEX moderation_audit_by_xact ON moderation_audit (xact_id) WHERE source = 'queue';

-- The trail is immutable: no row is ever changed or removed, whoever asks.
CREATE FUNCTION moderation_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_audit is append-only';
END $$;
CREATE TRIGGER moderation_audit_no_update BEFORE UPDATE OR DELETE ON moderation_audit
  FOR EACH ROW EXECUTE FUNCTION moderation_audit_is_append_only();
CREATE TRIGGER moderation_audit_no_truncate BEFORE TRUNCATE ON moderation_audit
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_is_append_only();

-- Every surveillance flag of the market is a queue item too: one row gives it a queue id; its status
-- stays in market_surveillance_flags (read by the queue, changed only through the market's review).
CREATE FUNCTION moderation_item_for_flag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO moderation_items (target_type, target_id, status, created_at)
  VALUES ('market_flag', NEW.id::text, NULL, NEW.created_at);
  RETURN NEW;
END $$;
CREATE TRIGGER moderation_item_for_new_flag AFTER INSERT ON market_surveillance_flags
  FOR EACH ROW EXECUTE FUNCTION moderation_item_for_flag();
INSERT INTO moderation_items (target_type, target_id, status, created_at)
  SELECT 'market_flag', id::text, NULL, created_at FROM market_surveillance_flags ORDER BY id;
