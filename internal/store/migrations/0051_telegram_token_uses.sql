-- Identity tokens with a jti that bought a Telegram deep link: such a
-- token buys one link, as it starts one widget session (chat_token_uses),
-- so a leaked token cannot link a stranger's chat. Kept (as a SHA-256 of
-- the jti) until the token itself expires.
CREATE TABLE telegram_token_uses (
    jti_hash   TEXT   PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX telegram_token_uses_expires ON telegram_token_uses (expires_at);
