-- veille store, schema version 8: which pairs of an event are on the same side.
--
-- Two actors of one event are opposed when one is a source and the other a target; in a
-- symmetric event (CONSULT, COOPERATE, AGREE: who is source or target means nothing) every
-- pair interacts. Any other pair is joint: both sources (Moscow and Beijing accusing
-- Washington together) or both targets (two countries under the same sanctions). A joint
-- pair shares the event (it counts in `events`) but the event's quad class says nothing of
-- how the two treat each other, so it gives no sign (explore.py counts cooperation and
-- conflict over `events - joint`). An actor both source and target of an event is opposed
-- to every other actor of it.
--
-- `event_pairs.joint` is 1 for a joint pair; `dyad_types.joint` and `pair_event_months.joint`
-- count the joint pairs among their `events`. The triggers of migration 7 that write or undo
-- pairs are replaced to keep them; tests/test_explore.py recomputes all three from the base
-- tables. explore.SYMMETRIC must name the same types as the lists below.

ALTER TABLE event_pairs ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dyad_types ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pair_event_months ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;

UPDATE event_pairs SET joint = 1
    WHERE type NOT IN ('AGREE', 'CONSULT', 'COOPERATE')
      AND NOT EXISTS (SELECT 1 FROM event_actors p JOIN event_actors q ON q.event_n = p.event_n AND q.role != p.role
                      WHERE p.event_n = event_pairs.event_n AND p.actor_id = event_pairs.a
                        AND q.actor_id = event_pairs.b);
UPDATE dyad_types SET joint = j.n
    FROM (SELECT a, b, type, count(*) AS n FROM event_pairs WHERE joint AND modality = 'asserted'
          GROUP BY 1, 2, 3) j
    WHERE dyad_types.a = j.a AND dyad_types.b = j.b AND dyad_types.type = j.type;
UPDATE pair_event_months SET joint = j.n
    FROM (SELECT a, b, modality, substr(day_first, 1, 7) AS first_month, substr(day_last, 1, 7) AS last_month,
                 type, count(*) AS n
          FROM event_pairs WHERE joint AND day_first IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6) j
    WHERE pair_event_months.a = j.a AND pair_event_months.b = j.b AND pair_event_months.modality = j.modality
      AND pair_event_months.first_month = j.first_month AND pair_event_months.last_month = j.last_month
      AND pair_event_months.type = j.type;

-- the live count of a window's edge days reads these indexes alone
DROP INDEX event_pairs_first;
DROP INDEX event_pairs_last;
CREATE INDEX event_pairs_first ON event_pairs(modality, day_first, day_last, a, b, type, joint);
CREATE INDEX event_pairs_last ON event_pairs(modality, day_last, day_first, a, b, type, joint);

-- event_actors -> actor_totals (events), event_pairs (with joint), actor_events
DROP TRIGGER event_actors_explore_ai;
CREATE TRIGGER event_actors_explore_ai AFTER INSERT ON event_actors BEGIN
    -- counted once per event, whether the actor is source, target or both
    INSERT INTO actor_totals(actor_id, events)
        SELECT new.actor_id, 1 WHERE (SELECT modality FROM events WHERE n = new.event_n) = 'asserted'
          AND NOT EXISTS (SELECT 1 FROM event_actors y WHERE y.event_n = new.event_n
                          AND y.actor_id = new.actor_id AND y.role != new.role)
        ON CONFLICT(actor_id) DO UPDATE SET events = events + 1;
    -- joint from every role seen so far; a joint pair becomes opposed when one of the two
    -- turns up on the other side too (never the reverse)
    INSERT INTO event_pairs(event_n, a, b, type, modality, date, day_first, day_last, joint)
        SELECT DISTINCT new.event_n, min(x.actor_id, new.actor_id), max(x.actor_id, new.actor_id), e.type,
               e.modality, e.date, e.day_first, e.day_last,
               e.type NOT IN ('AGREE', 'CONSULT', 'COOPERATE')
               AND NOT EXISTS (SELECT 1 FROM event_actors p JOIN event_actors q
                               ON q.event_n = p.event_n AND q.role != p.role
                               WHERE p.event_n = new.event_n AND p.actor_id = new.actor_id
                                 AND q.actor_id = x.actor_id)
        FROM event_actors x JOIN events e ON e.n = x.event_n
        WHERE x.event_n = new.event_n AND x.actor_id != new.actor_id
        ON CONFLICT(event_n, a, b) DO UPDATE SET joint = excluded.joint WHERE joint != excluded.joint;
    INSERT INTO actor_events(actor_id, event_n, type, modality, date, day_first, day_last)
        SELECT new.actor_id, e.n, e.type, e.modality, e.date, e.day_first, e.day_last FROM events e
        WHERE e.n = new.event_n
        ON CONFLICT DO NOTHING;
END;

-- events deleted (re-extraction): undo what their actors added; their pairs undo their own
DROP TRIGGER events_explore_bd;
CREATE TRIGGER events_explore_bd BEFORE DELETE ON events BEGIN
    UPDATE actor_totals SET events = events - 1
        WHERE old.modality = 'asserted' AND actor_id IN (SELECT actor_id FROM event_actors WHERE event_n = old.n);
    DELETE FROM event_pairs WHERE event_n = old.n;
    DELETE FROM actor_events WHERE actor_id IN (SELECT actor_id FROM event_actors WHERE event_n = old.n)
        AND event_n = old.n;
END;

-- event_pairs -> dyad_types, pair_event_months (events and joint ones)
DROP TRIGGER event_pairs_explore_ai;
CREATE TRIGGER event_pairs_explore_ai AFTER INSERT ON event_pairs BEGIN
    INSERT INTO dyad_types(a, b, type, events, joint) SELECT new.a, new.b, new.type, 1, new.joint
        WHERE new.modality = 'asserted'
        ON CONFLICT(a, b, type) DO UPDATE SET events = events + 1, joint = joint + excluded.joint;
    INSERT INTO pair_event_months(a, b, modality, first_month, last_month, type, events, joint)
        SELECT new.a, new.b, new.modality, substr(new.day_first, 1, 7), substr(new.day_last, 1, 7), new.type, 1,
               new.joint
        WHERE new.day_first IS NOT NULL
        ON CONFLICT(a, b, modality, first_month, last_month, type) DO UPDATE
        SET events = events + 1, joint = joint + excluded.joint;
END;
CREATE TRIGGER event_pairs_explore_au AFTER UPDATE OF joint ON event_pairs BEGIN
    UPDATE dyad_types SET joint = joint + new.joint - old.joint
        WHERE new.modality = 'asserted' AND a = new.a AND b = new.b AND type = new.type;
    UPDATE pair_event_months SET joint = joint + new.joint - old.joint
        WHERE new.day_first IS NOT NULL AND a = new.a AND b = new.b AND modality = new.modality
          AND first_month = substr(new.day_first, 1, 7) AND last_month = substr(new.day_last, 1, 7)
          AND type = new.type;
END;
DROP TRIGGER event_pairs_explore_ad;
CREATE TRIGGER event_pairs_explore_ad AFTER DELETE ON event_pairs BEGIN
    UPDATE dyad_types SET events = events - 1, joint = joint - old.joint
        WHERE old.modality = 'asserted' AND a = old.a AND b = old.b AND type = old.type;
    UPDATE pair_event_months SET events = events - 1, joint = joint - old.joint
        WHERE old.day_first IS NOT NULL AND a = old.a AND b = old.b AND modality = old.modality
          AND first_month = substr(old.day_first, 1, 7) AND last_month = substr(old.day_last, 1, 7)
          AND type = old.type;
END;
