-- Live shows: a host schedules one, starts it (live) and ends it; one LiveKit room per show.
CREATE TABLE shows (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  host_id           BIGINT      NOT NULL REFERENCES users (id),
  title             TEXT        NOT NULL,
  description       TEXT        NOT NULL DEFAULT '',
  category          TEXT        NOT NULL,
  cover_image_url   TEXT,
  scheduled_at      TIMESTAMPTZ NOT NULL,
  status            TEXT        NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
  started_at        TIMESTAMPTZ,
  ended_at          TIMESTAMPTZ,
  cancelled_at      TIMESTAMPTZ,
  slow_mode_seconds INT         NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 3600),
  pinned_message_id BIGINT,     -- references chat_messages, added with the chat tables
  -- video room state, as LiveKit's webhooks report it
  room_started_at   TIMESTAMPTZ,
  room_finished_at  TIMESTAMPTZ,
  recording_url     TEXT,
  -- audience, sampled from the presence set while live
  peak_viewers      INT         NOT NULL DEFAULT 0,
  viewer_samples    INT         NOT NULL DEFAULT 0,
  viewer_sample_sum BIGINT      NOT NULL DEFAULT 0,
  idempotency_key   TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX shows_by_status ON shows (status, scheduled_at, id);
CREATE INDEX shows_by_host ON shows (host_id, id);
CREATE INDEX shows_by_category ON shows (category, status, id);
CREATE UNIQUE INDEX shows_idempotency ON shows (host_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- People the host adds to one show: co-hosts may publish video and run it, moderators keep chat clean.
CREATE TABLE show_staff (
  show_id    BIGINT      NOT NULL REFERENCES shows (id),
  user_id    BIGINT      NOT NULL REFERENCES users (id),
  role       TEXT        NOT NULL CHECK (role IN ('cohost', 'moderator')),
  added_by   BIGINT      NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (show_id, user_id)
);

-- A ban keeps a user out of one show (chat, bidding, video); a timeout silences them until expires_at.
CREATE TABLE show_sanctions (
  show_id    BIGINT      NOT NULL REFERENCES shows (id),
  user_id    BIGINT      NOT NULL REFERENCES users (id),
  kind       TEXT        NOT NULL CHECK (kind IN ('ban', 'timeout')),
  expires_at TIMESTAMPTZ,
  reason     TEXT,
  issued_by  BIGINT      NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (show_id, user_id, kind),
  CHECK ((kind = 'ban') = (expires_at IS NULL))
);

CREATE TABLE host_follows (
  follower_id BIGINT      NOT NULL REFERENCES users (id),
  host_id     BIGINT      NOT NULL REFERENCES users (id),
  -- the follower's notification preferences for this host's shows
  notify_in_app BOOLEAN   NOT NULL DEFAULT true,
  notify_mail   BOOLEAN   NOT NULL DEFAULT true,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, host_id),
  CHECK (follower_id <> host_id)
);
CREATE INDEX host_follows_by_host ON host_follows (host_id);

-- Each LiveKit webhook is applied once: its event id is inserted in the same transaction as its effect.
CREATE TABLE livekit_webhook_events (
  event_id    TEXT        PRIMARY KEY,
  event       TEXT        NOT NULL,
  room_name   TEXT,
  show_id     BIGINT      REFERENCES shows (id),
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who is connected to a show's video room, from participant_joined/left webhooks.
CREATE TABLE show_video_participants (
  show_id    BIGINT      NOT NULL REFERENCES shows (id),
  identity   TEXT        NOT NULL,
  joined_at  TIMESTAMPTZ NOT NULL,
  left_at    TIMESTAMPTZ,
  PRIMARY KEY (show_id, identity)
);

-- The verified-host badge, granted by an admin after review.
CREATE TABLE host_verifications (
  host_id      BIGINT      PRIMARY KEY REFERENCES users (id),
  status       TEXT        NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'revoked')),
  request_note TEXT,
  review_note  TEXT,
  requested_at TIMESTAMPTZ,
  reviewed_by  BIGINT      REFERENCES users (id),
  reviewed_at  TIMESTAMPTZ
);
