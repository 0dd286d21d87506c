-- veille store, schema version 4: temporal expressions of each article.
CREATE TABLE times (
    n           INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,   -- offsets in articles.text
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT,               -- ISO value, NULL when it cannot be known
    granularity TEXT NOT NULL,      -- day | week | month | season | year
    relative    INTEGER NOT NULL
);
CREATE INDEX times_article ON times(article_id);
CREATE INDEX times_value ON times(value);
