-- Polls: the host asks, viewers vote once, results are live; at most one open poll per show.
CREATE TABLE polls (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id    BIGINT      NOT NULL REFERENCES shows (id),
  created_by BIGINT      NOT NULL REFERENCES users (id),
  question   TEXT        NOT NULL,
  options    TEXT[]      NOT NULL CHECK (cardinality(options) BETWEEN 2 AND 6),
  status     TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at  TIMESTAMPTZ
);
CREATE INDEX polls_by_show ON polls (show_id, id);
CREATE UNIQUE INDEX polls_one_open ON polls (show_id) WHERE status = 'open';

CREATE TABLE poll_votes (
  poll_id      BIGINT      NOT NULL REFERENCES polls (id),
  user_id      BIGINT      NOT NULL REFERENCES users (id),
  option_index INT         NOT NULL CHECK (option_index >= 0),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (poll_id, user_id)
);

-- Q&A: viewers ask, others upvote once each, the host marks a question answered.
CREATE TABLE questions (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  show_id     BIGINT      NOT NULL REFERENCES shows (id),
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  text        TEXT        NOT NULL,
  upvotes     INT         NOT NULL DEFAULT 0,
  answered_at TIMESTAMPTZ,
  answered_by BIGINT      REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX questions_by_show ON questions (show_id, upvotes DESC, id);

CREATE TABLE question_upvotes (
  question_id BIGINT      NOT NULL REFERENCES questions (id),
  user_id     BIGINT      NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, user_id)
);
