-- Changing the email address (docs/ACCOUNTS.md "Settings"): the new address waits on a one-time
-- token mailed to it; one pending change per user (a second one before verification is 409).
ALTER TABLE account_tokens DROP CONSTRAINT account_tokens_purpose_check;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_purpose_check
  CHECK (purpose IN ('verify_email', 'reset_password', 'change_email'));
ALTER TABLE account_tokens ADD COLUMN new_email TEXT;
ALTER TABLE account_tokens ADD CONSTRAINT account_tokens_change_has_email
  CHECK ((purpose = 'change_email') = (new_email IS NOT NULL));
CREATE UNIQUE INDEX account_tokens_one_email_change ON account_tokens (user_id)
  WHERE purpose = 'change_email' AND used_at IS NULL;

-- Deleting an account keeps the row (orders, the ledger and moderation history point at it) but
-- anonymises it: status 'deleted', no email, name, picture or password left.
ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'suspended', 'deleted'));
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMPTZ;
