-- A step-up belongs to the request that asked for it (internal/auth). When
-- the customer starts confirming, the request gets a one-time nonce that
-- travels to the exchange and comes back inside its signed L2 token;
-- nonce_hash is its SHA-256 (hex), '' until then. A token completes only
-- the request whose nonce it carries, once.
ALTER TABLE customer_step_ups ADD COLUMN nonce_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE customer_step_ups ADD COLUMN begun_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX customer_step_ups_nonce ON customer_step_ups (nonce_hash) WHERE nonce_hash <> '';
