-- veille store, schema version 2: actors and their mentions.
CREATE TABLE actors (
    id     TEXT PRIMARY KEY,       -- knowledge-base id, or "new:<type>:<normalized name>"
    name   TEXT NOT NULL,
    type   TEXT NOT NULL,          -- person | country | organisation | place | media
    qid    TEXT,
    in_kb  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX actors_type ON actors(type);

CREATE TABLE mentions (
    n          INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL REFERENCES actors(id),
    start      INTEGER NOT NULL,   -- offsets in articles.text
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    sent_start INTEGER NOT NULL,
    sent_end   INTEGER NOT NULL,
    method     TEXT NOT NULL,      -- alias | translit | fuzzy | coref | role | metonym | new
    confidence REAL NOT NULL
);
CREATE INDEX mentions_actor ON mentions(actor_id, article_id);
CREATE INDEX mentions_article ON mentions(article_id);

-- which extraction stages ran on an article, and with which version
CREATE TABLE stages (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    version    TEXT NOT NULL,
    PRIMARY KEY (article_id, stage)
) WITHOUT ROWID;
