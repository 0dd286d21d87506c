-- veille store, schema version 5: PLOVER events and inferred publication dates.
CREATE TABLE events (
    n                INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type             TEXT NOT NULL,      -- PLOVER type
    mode             TEXT,
    source           TEXT NOT NULL,      -- JSON [{id, name}]
    target           TEXT NOT NULL,      -- JSON [{id, name}]
    date             TEXT,               -- ISO value, NULL when it cannot be known
    date_granularity TEXT,
    date_basis       TEXT NOT NULL,      -- expression | context | published | none
    where_id         TEXT,
    where_name       TEXT,
    modality         TEXT NOT NULL,      -- asserted | planned | negated | hypothetical
    negated          INTEGER NOT NULL,
    trigger          TEXT NOT NULL,
    start            INTEGER NOT NULL,   -- trigger offsets in articles.text
    "end"            INTEGER NOT NULL,
    evidence         TEXT NOT NULL,      -- JSON {start, end, text}: the sentence
    mentions         TEXT NOT NULL,      -- JSON [{start, end, text}]: every telling in the article
    speaker          TEXT,               -- JSON {id, name} when told inside a quote
    confidence       REAL NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
-- one row per (event, actor) for filters by actor and dyad
CREATE TABLE event_actors (
    event_n  INTEGER NOT NULL REFERENCES events(n) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    role     TEXT NOT NULL,              -- source | target
    PRIMARY KEY (event_n, actor_id, role)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);
ALTER TABLE articles ADD COLUMN published_inferred TEXT;  -- JSON {earliest, granularity, basis}
