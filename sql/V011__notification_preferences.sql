-- Which notifications a user wants, per topic (auctions, orders, shows, money, market) and channel
-- (in_app, mail). No row means on; docs/API.md "Notification preferences".
CREATE TABLE notification_preferences (
  user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  topic      TEXT        NOT NULL,
  channel    TEXT        NOT NULL CHECK (channel IN ('in_app', 'mail')),
  enabled    BOOLEAN     NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, topic, channel)
);
