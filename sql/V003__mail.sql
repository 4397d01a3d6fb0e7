-- Mail is written here in the same transaction as the change that causes it, then delivered by
-- MailDeliveryVerticle on any node. A claimed row carries a lease (claimed_until); a node that
-- dies mid-send leaves the lease to expire and another node sends again with the same
-- delivery_key, which the providers use to drop the duplicate.
CREATE TABLE mail_outbox (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address       TEXT        NOT NULL,
  subject          TEXT        NOT NULL,
  text_body        TEXT        NOT NULL,
  html_body        TEXT,
  dedupe_key       TEXT        UNIQUE,
  delivery_key     UUID        NOT NULL DEFAULT gen_random_uuid(),
  status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INT         NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_until    TIMESTAMPTZ,
  last_error       TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at          TIMESTAMPTZ
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_claimed ON mail_outbox (claimed_until) WHERE status = 'sending';

-- The local mailbox used when no Resend key is configured: what would have been sent.
-- One row per outbox row, so a redelivery of the same mail is not stored twice.
CREATE TABLE local_mailbox (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id   BIGINT      NOT NULL UNIQUE,
  to_address  TEXT        NOT NULL,
  from_address TEXT       NOT NULL,
  subject     TEXT        NOT NULL,
  text_body   TEXT        NOT NULL,
  html_body   TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX local_mailbox_to ON local_mailbox (lower(to_address), id DESC);
