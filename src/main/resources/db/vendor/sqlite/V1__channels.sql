-- Channels: one Chat2Desk account connected to one Agent.
CREATE TABLE channel (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    channel_key       VARCHAR(64)   NOT NULL UNIQUE,
    name              VARCHAR(200)  NOT NULL,
    api_url           VARCHAR(1000) NOT NULL,
    token             VARCHAR(2000) NOT NULL,
    token_hash        VARCHAR(64)   NOT NULL,
    -- token_hash while active, NULL otherwise: the unique index lets only one active channel use a token
    active_token_hash VARCHAR(64)   UNIQUE,
    operator_id       BIGINT,
    service_messages  BOOLEAN       NOT NULL,
    agent_url         VARCHAR(1000),
    active            BOOLEAN       NOT NULL,
    webhook_id        BIGINT,
    checks            VARCHAR(8000),
    created_at        TIMESTAMP     NOT NULL,
    updated_at        TIMESTAMP     NOT NULL
);
