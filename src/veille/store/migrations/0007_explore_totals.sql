-- veille store, schema version 7: derived tables for the explore queries, quote search.
--
-- The derived tables hold nothing the base tables do not: counts and slim copies, kept up
-- to date by the triggers below and filled here from what the store already holds, so
-- that the API reads a few hundred rows where it would otherwise read every mention or
-- event. tests/test_explore.py recomputes every one of them from the base tables.
-- A month is 'YYYY-MM': an article's publication month ('' when undated), or the months
-- of an event's first and last day (undated events are left out of the monthly tables).

-- every form an actor was named by, with its number of mentions
CREATE TABLE actor_forms (
    actor_id TEXT NOT NULL,
    text     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (actor_id, text)
) WITHOUT ROWID;

-- one row per actor and article that mentions it (published copied from the article)
CREATE TABLE actor_articles (
    actor_id   TEXT NOT NULL,
    article_id TEXT NOT NULL,
    published  TEXT,
    n          INTEGER NOT NULL,           -- mentions in that article
    PRIMARY KEY (actor_id, article_id)
) WITHOUT ROWID;
CREATE INDEX actor_articles_article ON actor_articles(article_id, actor_id);
CREATE INDEX actor_articles_published ON actor_articles(published, actor_id, n);
CREATE INDEX actor_articles_actor_published ON actor_articles(actor_id, published);

-- per actor: mentions, articles, asserted events taken part in
CREATE TABLE actor_totals (
    actor_id TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    events   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX actor_totals_mentions ON actor_totals(mentions);
CREATE INDEX actor_totals_articles ON actor_totals(articles, mentions);
CREATE INDEX actor_totals_events ON actor_totals(events, mentions);

-- per actor and publication month: mentions and articles
CREATE TABLE actor_months (
    month    TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (month, actor_id)
) WITHOUT ROWID;

-- pairs of actors (a < b) named in the same articles, in all and per publication month
CREATE TABLE comentions (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX comentions_b ON comentions(b, a);
CREATE TABLE comention_months (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    month    TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (a, b, month)
) WITHOUT ROWID;
CREATE INDEX comention_months_b ON comention_months(b, a, month);

-- the events of each actor, slim (one row per actor and event, whatever its roles)
CREATE TABLE actor_events (
    actor_id  TEXT NOT NULL,
    event_n   INTEGER NOT NULL,
    type      TEXT NOT NULL,
    modality  TEXT NOT NULL,
    date      TEXT,
    day_first TEXT,
    day_last  TEXT,
    PRIMARY KEY (actor_id, event_n)
) WITHOUT ROWID;
CREATE INDEX actor_events_first ON actor_events(modality, day_first, day_last, actor_id);
CREATE INDEX actor_events_last ON actor_events(modality, day_last, day_first, actor_id);
CREATE TABLE actor_event_months (
    modality    TEXT NOT NULL,
    first_month TEXT NOT NULL,
    last_month  TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    events      INTEGER NOT NULL,
    PRIMARY KEY (modality, first_month, last_month, actor_id)
) WITHOUT ROWID;

-- pairs of actors (a < b) taking part in the same event, whatever their roles
CREATE TABLE event_pairs (
    event_n   INTEGER NOT NULL,
    a         TEXT NOT NULL,
    b         TEXT NOT NULL,
    type      TEXT NOT NULL,
    modality  TEXT NOT NULL,
    date      TEXT,
    day_first TEXT,
    day_last  TEXT,
    PRIMARY KEY (event_n, a, b)
) WITHOUT ROWID;
CREATE INDEX event_pairs_ab ON event_pairs(a, b);
CREATE INDEX event_pairs_first ON event_pairs(modality, day_first, day_last, a, b, type);
CREATE INDEX event_pairs_last ON event_pairs(modality, day_last, day_first, a, b, type);
CREATE TABLE pair_event_months (
    a           TEXT NOT NULL,
    b           TEXT NOT NULL,
    modality    TEXT NOT NULL,
    first_month TEXT NOT NULL,
    last_month  TEXT NOT NULL,
    type        TEXT NOT NULL,
    events      INTEGER NOT NULL,
    PRIMARY KEY (a, b, modality, first_month, last_month, type)
) WITHOUT ROWID;
CREATE INDEX pair_event_months_b ON pair_event_months(b, a);

-- asserted events per pair and PLOVER type, in all
CREATE TABLE dyad_types (
    a      TEXT NOT NULL,
    b      TEXT NOT NULL,
    type   TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (a, b, type)
) WITHOUT ROWID;
CREATE INDEX dyad_types_b ON dyad_types(b, a);

-- filled from what the store holds (before the triggers exist)
INSERT INTO actor_forms(actor_id, text, n) SELECT actor_id, text, count(*) FROM mentions GROUP BY 1, 2;
INSERT INTO actor_articles(actor_id, article_id, published, n)
    SELECT m.actor_id, m.article_id, a.published, count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
    GROUP BY 1, 2;
INSERT INTO actor_totals(actor_id, mentions, articles) SELECT actor_id, sum(n), count(*) FROM actor_articles GROUP BY 1;
INSERT INTO actor_months(month, actor_id, mentions, articles)
    SELECT coalesce(substr(published, 1, 7), ''), actor_id, sum(n), count(*) FROM actor_articles GROUP BY 1, 2;
INSERT INTO comention_months(a, b, month, articles)
    SELECT p.actor_id, q.actor_id, coalesce(substr(p.published, 1, 7), ''), count(*) FROM actor_articles p
    JOIN actor_articles q ON q.article_id = p.article_id AND q.actor_id > p.actor_id GROUP BY 1, 2, 3;
INSERT INTO comentions(a, b, articles) SELECT a, b, sum(articles) FROM comention_months GROUP BY 1, 2;
INSERT INTO actor_events(actor_id, event_n, type, modality, date, day_first, day_last)
    SELECT DISTINCT x.actor_id, x.event_n, e.type, e.modality, e.date, e.day_first, e.day_last
    FROM event_actors x JOIN events e ON e.n = x.event_n;
INSERT INTO actor_event_months(modality, first_month, last_month, actor_id, events)
    SELECT modality, substr(day_first, 1, 7), substr(day_last, 1, 7), actor_id, count(*) FROM actor_events
    WHERE day_first IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO actor_totals(actor_id, events)
    SELECT actor_id, count(*) FROM actor_events WHERE modality = 'asserted' GROUP BY 1
    ON CONFLICT(actor_id) DO UPDATE SET events = excluded.events;
INSERT INTO event_pairs(event_n, a, b, type, modality, date, day_first, day_last)
    SELECT DISTINCT p.event_n, p.actor_id, q.actor_id, e.type, e.modality, e.date, e.day_first, e.day_last
    FROM event_actors p JOIN event_actors q ON q.event_n = p.event_n AND q.actor_id > p.actor_id
    JOIN events e ON e.n = p.event_n;
INSERT INTO pair_event_months(a, b, modality, first_month, last_month, type, events)
    SELECT a, b, modality, substr(day_first, 1, 7), substr(day_last, 1, 7), type, count(*) FROM event_pairs
    WHERE day_first IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO dyad_types(a, b, type, events)
    SELECT a, b, type, count(*) FROM event_pairs WHERE modality = 'asserted' GROUP BY 1, 2, 3;

-- mentions -> actor_forms, actor_articles, actor_totals (mentions, articles), comentions
CREATE TRIGGER mentions_explore_ai AFTER INSERT ON mentions BEGIN
    INSERT INTO actor_forms(actor_id, text, n) VALUES (new.actor_id, new.text, 1)
        ON CONFLICT(actor_id, text) DO UPDATE SET n = n + 1;
    -- the actor's first mention in this article pairs it with the actors already there
    INSERT INTO comention_months(a, b, month, articles)
        SELECT min(x.actor_id, new.actor_id), max(x.actor_id, new.actor_id), coalesce(substr(x.published, 1, 7), ''), 1
        FROM actor_articles x
        WHERE x.article_id = new.article_id AND x.actor_id != new.actor_id
          AND NOT EXISTS (SELECT 1 FROM actor_articles y WHERE y.actor_id = new.actor_id AND y.article_id = new.article_id)
        ON CONFLICT(a, b, month) DO UPDATE SET articles = articles + 1;
    INSERT INTO comentions(a, b, articles)
        SELECT min(x.actor_id, new.actor_id), max(x.actor_id, new.actor_id), 1 FROM actor_articles x
        WHERE x.article_id = new.article_id AND x.actor_id != new.actor_id
          AND NOT EXISTS (SELECT 1 FROM actor_articles y WHERE y.actor_id = new.actor_id AND y.article_id = new.article_id)
        ON CONFLICT(a, b) DO UPDATE SET articles = articles + 1;
    INSERT INTO actor_totals(actor_id, mentions, articles)
        VALUES (new.actor_id, 1, NOT EXISTS (
            SELECT 1 FROM actor_articles y WHERE y.actor_id = new.actor_id AND y.article_id = new.article_id))
        ON CONFLICT(actor_id) DO UPDATE SET mentions = mentions + 1, articles = articles + excluded.articles;
    INSERT INTO actor_articles(actor_id, article_id, published, n)
        VALUES (new.actor_id, new.article_id, (SELECT published FROM articles WHERE id = new.article_id), 1)
        ON CONFLICT(actor_id, article_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER mentions_explore_ad AFTER DELETE ON mentions BEGIN
    UPDATE actor_forms SET n = n - 1 WHERE actor_id = old.actor_id AND text = old.text;
    DELETE FROM actor_forms WHERE actor_id = old.actor_id AND text = old.text AND n <= 0;
    UPDATE actor_articles SET n = n - 1 WHERE actor_id = old.actor_id AND article_id = old.article_id;
    -- the actor's last mention in this article unpairs it from the actors still there
    UPDATE comentions SET articles = articles - 1
        WHERE EXISTS (SELECT 1 FROM actor_articles y WHERE y.actor_id = old.actor_id
                      AND y.article_id = old.article_id AND y.n <= 0)
          AND (a, b) IN (SELECT min(x.actor_id, old.actor_id), max(x.actor_id, old.actor_id) FROM actor_articles x
                         WHERE x.article_id = old.article_id AND x.actor_id != old.actor_id);
    UPDATE comention_months SET articles = articles - 1
        WHERE EXISTS (SELECT 1 FROM actor_articles y WHERE y.actor_id = old.actor_id
                      AND y.article_id = old.article_id AND y.n <= 0)
          AND (a, b, month) IN (
              SELECT min(x.actor_id, old.actor_id), max(x.actor_id, old.actor_id), coalesce(substr(x.published, 1, 7), '')
              FROM actor_articles x WHERE x.article_id = old.article_id AND x.actor_id != old.actor_id);
    UPDATE actor_totals SET mentions = mentions - 1,
        articles = articles - (SELECT count(*) FROM actor_articles y WHERE y.actor_id = old.actor_id
                               AND y.article_id = old.article_id AND y.n <= 0)
        WHERE actor_id = old.actor_id;
    DELETE FROM actor_articles WHERE actor_id = old.actor_id AND article_id = old.article_id AND n <= 0;
END;

-- actor_articles -> actor_months
CREATE TRIGGER actor_articles_explore_ai AFTER INSERT ON actor_articles BEGIN
    INSERT INTO actor_months(month, actor_id, mentions, articles)
        VALUES (coalesce(substr(new.published, 1, 7), ''), new.actor_id, new.n, 1)
        ON CONFLICT(month, actor_id) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + 1;
END;
CREATE TRIGGER actor_articles_explore_au AFTER UPDATE OF n ON actor_articles BEGIN
    UPDATE actor_months SET mentions = mentions + new.n - old.n
        WHERE month = coalesce(substr(new.published, 1, 7), '') AND actor_id = new.actor_id;
END;
CREATE TRIGGER actor_articles_explore_ad AFTER DELETE ON actor_articles BEGIN
    UPDATE actor_months SET mentions = mentions - old.n, articles = articles - 1
        WHERE month = coalesce(substr(old.published, 1, 7), '') AND actor_id = old.actor_id;
END;

-- event_actors -> actor_events, actor_totals (events), event_pairs
CREATE TRIGGER event_actors_explore_ai AFTER INSERT ON event_actors BEGIN
    -- counted once per event, whether the actor is source, target or both
    INSERT INTO actor_totals(actor_id, events)
        SELECT new.actor_id, 1 WHERE (SELECT modality FROM events WHERE n = new.event_n) = 'asserted'
          AND NOT EXISTS (SELECT 1 FROM event_actors y WHERE y.event_n = new.event_n
                          AND y.actor_id = new.actor_id AND y.role != new.role)
        ON CONFLICT(actor_id) DO UPDATE SET events = events + 1;
    INSERT INTO event_pairs(event_n, a, b, type, modality, date, day_first, day_last)
        SELECT new.event_n, min(x.actor_id, new.actor_id), max(x.actor_id, new.actor_id), e.type, e.modality,
               e.date, e.day_first, e.day_last
        FROM event_actors x JOIN events e ON e.n = x.event_n
        WHERE x.event_n = new.event_n AND x.actor_id != new.actor_id
        ON CONFLICT DO NOTHING;
    INSERT INTO actor_events(actor_id, event_n, type, modality, date, day_first, day_last)
        SELECT new.actor_id, e.n, e.type, e.modality, e.date, e.day_first, e.day_last FROM events e
        WHERE e.n = new.event_n
        ON CONFLICT DO NOTHING;
END;

-- events deleted (re-extraction): undo what their actors and pairs added
CREATE TRIGGER events_explore_bd BEFORE DELETE ON events BEGIN
    UPDATE dyad_types SET events = events - 1
        WHERE old.modality = 'asserted' AND type = old.type
          AND (a, b) IN (SELECT a, b FROM event_pairs WHERE event_n = old.n);
    UPDATE actor_totals SET events = events - 1
        WHERE old.modality = 'asserted' AND actor_id IN (SELECT actor_id FROM event_actors WHERE event_n = old.n);
    DELETE FROM event_pairs WHERE event_n = old.n;
    DELETE FROM actor_events WHERE actor_id IN (SELECT actor_id FROM event_actors WHERE event_n = old.n)
        AND event_n = old.n;
END;

-- event_pairs -> dyad_types, pair_event_months; actor_events -> actor_event_months
CREATE TRIGGER event_pairs_explore_ai AFTER INSERT ON event_pairs BEGIN
    INSERT INTO dyad_types(a, b, type, events) SELECT new.a, new.b, new.type, 1 WHERE new.modality = 'asserted'
        ON CONFLICT(a, b, type) DO UPDATE SET events = events + 1;
    INSERT INTO pair_event_months(a, b, modality, first_month, last_month, type, events)
        SELECT new.a, new.b, new.modality, substr(new.day_first, 1, 7), substr(new.day_last, 1, 7), new.type, 1
        WHERE new.day_first IS NOT NULL
        ON CONFLICT(a, b, modality, first_month, last_month, type) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER event_pairs_explore_ad AFTER DELETE ON event_pairs WHEN old.day_first IS NOT NULL BEGIN
    UPDATE pair_event_months SET events = events - 1
        WHERE a = old.a AND b = old.b AND modality = old.modality AND first_month = substr(old.day_first, 1, 7)
          AND last_month = substr(old.day_last, 1, 7) AND type = old.type;
END;
CREATE TRIGGER actor_events_explore_ai AFTER INSERT ON actor_events WHEN new.day_first IS NOT NULL BEGIN
    INSERT INTO actor_event_months(modality, first_month, last_month, actor_id, events)
        VALUES (new.modality, substr(new.day_first, 1, 7), substr(new.day_last, 1, 7), new.actor_id, 1)
        ON CONFLICT(modality, first_month, last_month, actor_id) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER actor_events_explore_ad AFTER DELETE ON actor_events WHEN old.day_first IS NOT NULL BEGIN
    UPDATE actor_event_months SET events = events - 1
        WHERE modality = old.modality AND first_month = substr(old.day_first, 1, 7)
          AND last_month = substr(old.day_last, 1, 7) AND actor_id = old.actor_id;
END;

-- full-text search over quoted words, accents ignored (like articles_fts)
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='n',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.n, old.text);
END;

CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX events_modality_type ON events(modality, type);
CREATE INDEX events_modality_date ON events(modality, date, type);
