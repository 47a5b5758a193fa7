-- The keys of the events received, apart from the inbox entries: a finished entry is deleted with
-- its body and the Agent's replies, and its key stays here, a small row, for as long as Chat2Desk
-- may deliver the event again (dispatch.retention-minutes). A redelivery finds its key and is not
-- stored twice; the purge forgets the keys past the window, the oldest first. WITHOUT ROWID: the
-- key is the table, not an index beside it, so each key is stored once.
CREATE TABLE inbox_seen (
    channel_id  VARCHAR(36)  NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    dedup_key   VARCHAR(200) NOT NULL,
    received_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (channel_id, dedup_key)
) WITHOUT ROWID;
CREATE INDEX inbox_seen_age ON inbox_seen (received_at);
INSERT INTO inbox_seen (channel_id, dedup_key, received_at) SELECT channel_id, dedup_key, received_at FROM inbox;
DELETE FROM inbox WHERE state = 'done';
