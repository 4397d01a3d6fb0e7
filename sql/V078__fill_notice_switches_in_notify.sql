-- Market fill notices keep their switches with notify's preferences, under the notification's
-- kind ('market_fill'), instead of a table of their own (issue 13). Every stored choice is carried
-- over as it was, both channels, so GET /api/market/fill-notices answers exactly as before; a trader
-- who never chose keeps the defaults (in-app on, mail off) stated by market.trading.FillNotices.
INSERT INTO notification_preferences (user_id, topic, channel, enabled, updated_at)
SELECT p.user_id, 'market_fill', c.channel, CASE c.channel WHEN 'in_app' THEN p.in_app ELSE p.mail END,
       p.updated_at
FROM market_fill_notice_preferences p
JOIN users u ON u.id = p.user_id
CROSS JOIN (VALUES ('in_app'), ('mail')) AS c (channel)
ON CONFLICT (user_id, topic, channel) DO NOTHING;

DROP TABLE market_fill_notice_preferences;
