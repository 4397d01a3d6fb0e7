-- Moderation's suspensions (V060) are part of what other domains may read about a user.
CREATE OR REPLACE VIEW user_directory AS
SELECT id, email, display_name, roles, status, email_verified_at, created_at, suspended_until
FROM users;
