-- veille store, schema version 3: reported speech and the sources each article relies on.
CREATE TABLE quotes (
    n            INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start        INTEGER NOT NULL,    -- offsets of the quoted or reported words in articles.text
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL,       -- direct | partial | indirect
    speaker_id   TEXT,                -- actor id; NULL when the text does not say
    speaker_name TEXT,
    speaker_text TEXT,
    confidence   REAL NOT NULL,
    cue          TEXT,
    via          TEXT NOT NULL DEFAULT '[]',   -- JSON [{id, name}]
    addressee    TEXT,                         -- JSON {id, name} or NULL
    sent_start   INTEGER NOT NULL,
    sent_end     INTEGER NOT NULL,
    flags        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE TABLE sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_id  TEXT,                 -- actor id of the agency or outlet, NULL if unknown
    name       TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
) WITHOUT ROWID;
