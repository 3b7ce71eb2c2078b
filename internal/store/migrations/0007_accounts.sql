-- Agents' accounts (internal/auth): TOTP codes accepted once, tokens that
-- know how they were minted, sign-in throttling instead of lockouts, and
-- sign-in TOTP enrolment for agents whose role requires it.

-- The last TOTP time-step accepted for the agent: a code of this step or an
-- earlier one is refused, so a code is good for one use.
ALTER TABLE agents ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- How a token was minted: 'session' (a signed-in browser), 'token' (another
-- API token) or 'system' (start-up's GROUNDCREW_ADMIN_TOKEN). A password
-- change revokes the 'session' ones.
ALTER TABLE api_tokens ADD COLUMN minted_by TEXT NOT NULL DEFAULT 'session';

-- Failed sign-ins per subject ('email:<address>' or 'ip:<address>'): the
-- next attempt is refused before next_at. Forgotten an hour after the last
-- failure; the prune loop deletes old rows.
CREATE TABLE sign_in_throttle (
    subject        TEXT    PRIMARY KEY,
    failures       INTEGER NOT NULL,
    next_at        BIGINT  NOT NULL,
    last_failed_at BIGINT  NOT NULL
);

-- An agent who passed the password check but must enrol TOTP first: the
-- ticket lets them finish enrolment (and sign in) within a few minutes.
CREATE TABLE totp_enrolments (
    token_hash TEXT   PRIMARY KEY,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
