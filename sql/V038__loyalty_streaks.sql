-- Daily live-show streaks: a day qualifies when the user watched a live show long enough or bought in
-- one; the first qualifying day of each (UTC) day awards a bonus that grows with the streak.
ALTER TABLE loyalty_entries DROP CONSTRAINT loyalty_entries_kind_check;
ALTER TABLE loyalty_entries ADD CONSTRAINT loyalty_entries_kind_check
  CHECK (kind IN ('earn', 'show_bonus', 'redeem', 'restore', 'reverse', 'streak_bonus'));

CREATE TABLE loyalty_streak_days (
  user_id    BIGINT  NOT NULL REFERENCES users (id),
  day        DATE    NOT NULL,                 -- UTC day
  source     TEXT    NOT NULL CHECK (source IN ('watch', 'buy')),
  streak     INT     NOT NULL CHECK (streak >= 1),   -- consecutive qualifying days ending on this one
  points     BIGINT  NOT NULL CHECK (points >= 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);
