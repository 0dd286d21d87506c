-- veille store, schema version 6: what the explore queries (API, web pages) need to be fast.

-- the first and last day an event's date covers, whatever its granularity
-- (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-SP|SU|FA|WI, YYYY); NULL when undated
ALTER TABLE events ADD COLUMN day_first TEXT GENERATED ALWAYS AS (
    CASE
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date || '-01'
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' THEN date(substr(date, 1, 4) || '-01-04', 'weekday 0',
             '-6 days', '+' || ((CAST(substr(date, 7, 2) AS INTEGER) - 1) * 7) || ' days')
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[A-Z][A-Z]' THEN substr(date, 1, 4) ||
             CASE substr(date, 6, 2) WHEN 'SP' THEN '-03-01' WHEN 'SU' THEN '-06-01' WHEN 'FA' THEN '-09-01'
             ELSE '-12-01' END
        WHEN date GLOB '[0-9][0-9][0-9][0-9]' THEN date || '-01-01'
    END) VIRTUAL;
ALTER TABLE events ADD COLUMN day_last TEXT GENERATED ALWAYS AS (
    CASE
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN date(date || '-01', '+1 month', '-1 day')
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' THEN date(day_first, '+6 days')
        WHEN date GLOB '[0-9][0-9][0-9][0-9]-[A-Z][A-Z]' THEN
             CASE substr(date, 6, 2) WHEN 'SP' THEN substr(date, 1, 4) || '-05-31'
             WHEN 'SU' THEN substr(date, 1, 4) || '-08-31' WHEN 'FA' THEN substr(date, 1, 4) || '-11-30'
             ELSE date((substr(date, 1, 4) + 1) || '-03-01', '-1 day') END
        WHEN date GLOB '[0-9][0-9][0-9][0-9]' THEN date || '-12-31'
    END) VIRTUAL;
CREATE INDEX events_day ON events(day_first, day_last);

-- the events of an actor without visiting the table
CREATE INDEX event_actors_actor_event ON event_actors(actor_id, event_n);
