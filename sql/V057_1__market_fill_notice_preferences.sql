-- Whether a trader hears about their market fills in the notification centre and by mail.
-- No row means the defaults: in-app on, mail off (a bot trading all day would otherwise fill
-- its owner's inbox).
CREATE TABLE market_fill_notice_preferences (
  user_id    BIGINT      PRIMARY KEY,
  in_app     BOOLEAN     NOT NULL DEFAULT true,
  mail       BOOLEAN     NOT NULL DEFAULT false,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
