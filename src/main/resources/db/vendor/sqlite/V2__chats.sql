-- What the bundle knows of each client's chat on a channel: where to send (transport, Chat2Desk
-- channel, dialog), the last incoming message (for transfers), the buttons offered as a numbered
-- list (to read the client's answer) and whether the chat was handed over to a human.
CREATE TABLE chat (
    channel_id           VARCHAR(36)   NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    client_id            BIGINT        NOT NULL,
    transport            VARCHAR(64),
    chat2desk_channel_id BIGINT,
    dialog_id            BIGINT,
    last_message_id      BIGINT,
    offered_buttons      VARCHAR(8000),
    handed_over          BOOLEAN       NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    PRIMARY KEY (channel_id, client_id)
);
