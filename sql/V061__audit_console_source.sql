-- 'console': an action a moderator takes from the admin console outside the queue (lifting a
-- suspension early).
ALTER TABLE moderation_audit DROP CONSTRAINT moderation_audit_source_check;
ALTER TABLE moderation_audit ADD CONSTRAINT moderation_audit_source_check
  CHECK (source IN ('queue', 'show', 'reviews', 'console'));
