-- The bot's understanding (internal/bot/nlu): intents and training phrases
-- operators add on top of the built-in ones, and how often each intent
-- fired in the bot's analyses.

-- An intent operators added. The built-in intents need no row.
CREATE TABLE bot_intents (
    name        TEXT   PRIMARY KEY,
    description TEXT   NOT NULL DEFAULT '',
    created_by  TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);

-- A training phrase operators added, for a built-in or an added intent.
CREATE TABLE bot_phrases (
    id         {{pk}},
    intent     TEXT   NOT NULL,
    lang       TEXT   NOT NULL,
    text       TEXT   NOT NULL,
    created_by TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX bot_phrases_text ON bot_phrases (intent, lang, text);

-- Analyses per intent and UTC day (day = Unix days); every node adds its
-- own counts in batches.
CREATE TABLE bot_intent_counts (
    intent TEXT   NOT NULL,
    day    BIGINT NOT NULL,
    fired  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (intent, day)
);
