-- Chat in a show: messages and the host's pinned announcements, kept after the show for its replay.
CREATE TABLE chat_messages (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id         BIGINT      NOT NULL REFERENCES shows (id),
  user_id         BIGINT      NOT NULL REFERENCES users (id),
  kind            TEXT        NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'announcement')),
  text            TEXT        NOT NULL,
  idempotency_key TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at      TIMESTAMPTZ,
  deleted_by      BIGINT      REFERENCES users (id)
);
CREATE INDEX chat_messages_by_show ON chat_messages (show_id, id DESC);
CREATE INDEX chat_messages_by_author ON chat_messages (show_id, user_id);
CREATE UNIQUE INDEX chat_messages_idempotency ON chat_messages (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

ALTER TABLE shows ADD CONSTRAINT shows_pinned_message FOREIGN KEY (pinned_message_id) REFERENCES chat_messages (id);

-- Words refused in chat: for one show (show_id) or everywhere (show_id NULL). Compared case-insensitively.
CREATE TABLE blocked_words (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id    BIGINT      REFERENCES shows (id),
  word       TEXT        NOT NULL,
  created_by BIGINT      NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX blocked_words_unique ON blocked_words (COALESCE(show_id, 0), lower(word));

-- Viewers' reactions (hearts, fire …), counted per show.
CREATE TABLE show_reactions (
  show_id BIGINT NOT NULL REFERENCES shows (id),
  emoji   TEXT   NOT NULL,
  count   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, emoji)
);

-- What the show's staff did, for the host and for platform moderators reviewing a show.
CREATE TABLE show_moderation_log (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id        BIGINT      NOT NULL REFERENCES shows (id),
  actor_id       BIGINT      NOT NULL REFERENCES users (id),
  action         TEXT        NOT NULL,
  target_user_id BIGINT      REFERENCES users (id),
  message_id     BIGINT      REFERENCES chat_messages (id),
  detail         TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX show_moderation_log_by_show ON show_moderation_log (show_id, id DESC);
