-- The picture shown for a user: an /api/media/… URL set by an avatar upload (docs/MEDIA.md).
-- IF NOT EXISTS: the profile fields of V008 may have added it already.
ALTER TABLE users ADD COLUMN IF NOT EXISTS avatar_url TEXT;
