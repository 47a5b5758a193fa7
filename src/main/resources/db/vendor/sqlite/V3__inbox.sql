-- Every webhook that needs work is stored here before Chat2Desk gets its 200, and processed from
-- here: per chat in order, once per Chat2Desk message, across restarts and instances.
--   state: new -> claimed -> calling (Agent call in flight) -> replying (answer stored) -> done
--          or dead (failed for good: the dead-letter store)
CREATE TABLE inbox (
    -- SQLite's row id; AUTOINCREMENT never hands out an id again, so a dead letter's id stays its own
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id      VARCHAR(36)     NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    -- what makes a delivery the same event: hook type and message id (or a digest of the body)
    dedup_key       VARCHAR(200)    NOT NULL,
    -- the ordering lane: a chat's events are handled one after the other
    chat_key        VARCHAR(64)     NOT NULL,
    body            VARCHAR(2000000) NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    owner           VARCHAR(200),
    claimed_at      TIMESTAMP,
    redelivery      BOOLEAN         NOT NULL,
    attempts        INT             NOT NULL,
    next_attempt_at TIMESTAMP       NOT NULL,
    replies         VARCHAR(1000000),
    replies_sent    INT             NOT NULL,
    last_error      VARCHAR(2000),
    received_at     TIMESTAMP       NOT NULL,
    updated_at      TIMESTAMP       NOT NULL,
    CONSTRAINT inbox_once UNIQUE (channel_id, dedup_key)
);
CREATE INDEX inbox_ready ON inbox (state, next_attempt_at);
-- finds an unfinished earlier event of the same chat without reading the chat's finished history
CREATE INDEX inbox_lane ON inbox (channel_id, chat_key, state, id);
