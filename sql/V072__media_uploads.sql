-- Uploaded photos (docs/MEDIA.md). The bytes live in the media store (a folder under the data
-- directory, or S3), named by the SHA-256 of their content; this row records who uploaded what,
-- for what, and the two sizes kept. The original file is never stored (EXIF is dropped).
CREATE TABLE media_uploads (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id         BIGINT      NOT NULL REFERENCES users (id),
  purpose          TEXT        NOT NULL CHECK (purpose IN ('product', 'show_cover', 'avatar', 'report', 'return')),
  source_type      TEXT        NOT NULL,
  width            INT         NOT NULL CHECK (width > 0),
  height           INT         NOT NULL CHECK (height > 0),
  bytes            INT         NOT NULL CHECK (bytes > 0),
  display_key      TEXT        NOT NULL,
  display_width    INT         NOT NULL,
  display_height   INT         NOT NULL,
  thumbnail_key    TEXT        NOT NULL,
  thumbnail_width  INT         NOT NULL,
  thumbnail_height INT         NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX media_uploads_by_owner ON media_uploads (owner_id, id);

-- What other domains may read of an upload (reports and return requests attach photos by id).
CREATE VIEW media_directory AS
SELECT id, owner_id, purpose,
       '/api/media/' || display_key AS url,
       '/api/media/' || thumbnail_key AS thumbnail_url,
       created_at
FROM media_uploads;
