-- Trader profiles (issue 16): what a user says about themselves on their public page.
-- IF NOT EXISTS: media's avatar uploads (V009) add avatar_url the same way.
ALTER TABLE users ADD COLUMN IF NOT EXISTS bio TEXT;
ALTER TABLE users ADD COLUMN IF NOT EXISTS avatar_url TEXT;
