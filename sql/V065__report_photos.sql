-- Photos attached to a report (POST /api/media uploads of the reporter, by id), kept as
-- [{id, url, thumbnailUrl}] read from media_directory when the report is filed.
ALTER TABLE moderation_reports ADD COLUMN photos JSONB NOT NULL DEFAULT '[]'::jsonb;
