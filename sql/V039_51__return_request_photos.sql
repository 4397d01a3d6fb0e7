-- Photos a buyer attaches to a return request (their own POST /api/media uploads, by id), kept as
-- [{id, url, thumbnailUrl}] read from media_directory when the request is opened.
ALTER TABLE return_requests ADD COLUMN photos JSONB NOT NULL DEFAULT '[]'::jsonb;
