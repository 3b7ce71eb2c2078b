-- Official-channel verification (internal/guard, official*.go) and the
-- agents' public verification codes (internal/auth). {{rand32}} is a random
-- whole number from 0 to 31 in either dialect.

-- Every agent has a public code ("GC-7K3M-9XQ2", Crockford base32) that
-- customers check on /verify. New agents get one from Go; existing ones
-- get one here.
ALTER TABLE agents ADD COLUMN verification_code TEXT NOT NULL DEFAULT '';
UPDATE agents SET verification_code =
    'GC-' || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1)
    || '-' || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', {{rand32}} + 1, 1)
WHERE verification_code = '';
CREATE UNIQUE INDEX agents_verification_code ON agents (verification_code) WHERE verification_code <> '';

-- The exchange's own e-mail addresses and domains, phone numbers, Telegram
-- and X accounts and web domains. value is as customers see it;
-- normalized is what checks compare (lower case, no "@", punycode hosts,
-- phone digits).
CREATE TABLE official_channels (
    id         {{pk}},
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    normalized TEXT    NOT NULL,
    label      TEXT    NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX official_channels_kind_normalized ON official_channels (kind, normalized);
