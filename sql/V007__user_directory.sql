-- The account domain's read port in SQL: what other domains may read about a user. They join this
-- view, never the users table, so password hashes, lockouts and credential versions stay the account
-- domain's own and its table can change without touching their queries. A simple view over one
-- table: PostgreSQL inlines it, so the users indexes serve the joins as before.
CREATE VIEW user_directory AS
SELECT id, email, display_name, roles, status, email_verified_at, created_at
FROM users;
