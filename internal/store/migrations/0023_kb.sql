-- Knowledge base (internal/kb): articles, their per-language translations,
-- every saved version, and the help center's "was this helpful?" votes.

-- An article is its slug, category and audience; text lives per language.
-- internal = 1: agents only, never on the help center or in the bot.
CREATE TABLE kb_articles (
    id         {{pk}},
    slug       TEXT    NOT NULL,
    category   TEXT    NOT NULL,
    internal   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE UNIQUE INDEX kb_articles_slug ON kb_articles (slug);

-- One language of an article. version counts its saves; source_version is
-- the English version it was translated from (for English: its own), so a
-- translation is outdated while source_version < the English version.
-- status: draft, review, published.
CREATE TABLE kb_translations (
    article_id     BIGINT  NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    lang           TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'draft',
    version        INTEGER NOT NULL DEFAULT 1,
    source_version INTEGER NOT NULL DEFAULT 1,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (article_id, lang)
);

-- Every saved version of a translation, for the history.
CREATE TABLE kb_versions (
    article_id BIGINT  NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    author     TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (article_id, lang, version)
);

CREATE TABLE kb_feedback (
    id         {{pk}},
    article_id BIGINT  NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    helpful    INTEGER NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX kb_feedback_article ON kb_feedback (article_id);
