-- veille store, schema version 1: documents, clean articles, full-text index, line statistics.
CREATE TABLE documents (
    n           INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,      -- the article id (hash of normalized content)
    source_file TEXT NOT NULL,
    record      TEXT,                      -- record key inside a multi-record file
    raw_format  TEXT NOT NULL,             -- txt | html | record
    encoding    TEXT,
    raw         BLOB NOT NULL,             -- the original input, verbatim
    ingested_at TEXT NOT NULL
);

CREATE TABLE articles (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE REFERENCES documents(id),
    source_file   TEXT NOT NULL,
    record        TEXT,
    external_id   TEXT,
    url           TEXT,
    title         TEXT NOT NULL,
    published     TEXT,
    language      TEXT,
    source        TEXT,
    text          TEXT NOT NULL,
    headings      TEXT NOT NULL DEFAULT '[]',   -- JSON [{text, start}]
    captions      TEXT NOT NULL DEFAULT '[]',   -- JSON [{text, credit}]
    removed       TEXT NOT NULL DEFAULT '[]',   -- JSON [{line, reason, detail?}]
    cited_sources TEXT NOT NULL DEFAULT '[]',   -- JSON [name]
    foreign_lines TEXT NOT NULL DEFAULT '[]',   -- JSON [{line, language}]
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='n',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;

-- in how many stored articles of one source each short line occurs (boilerplate signal)
CREATE TABLE line_stats (
    source   TEXT NOT NULL,
    key      TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (source, key)
) WITHOUT ROWID;

-- the items a run could not ingest, with the one-line message it printed
CREATE TABLE ingest_errors (
    n       INTEGER PRIMARY KEY,
    item    TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    at      TEXT NOT NULL
);
