-- Identity tokens that signed a customer in from a link (/deposit-check,
-- /deposit-recovery/start): each signs in once, so a link replayed from a
-- browser's history or a log signs no one in. Kept (as a SHA-256 of the
-- token's jti, or of its signature) until the token expires.
CREATE TABLE identity_token_uses (
    key_hash   TEXT   PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX identity_token_uses_expires ON identity_token_uses (expires_at);
