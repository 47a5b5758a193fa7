-- Choices a channel makes beyond the platform's form: the group changeChatMode transfers to,
-- whether the Agent gets the Chat2Desk token, whether unsigned webhooks are refused.
ALTER TABLE channel ADD COLUMN fallback_group_id BIGINT;
ALTER TABLE channel ADD COLUMN share_token_with_agent BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE channel ADD COLUMN require_signature BOOLEAN DEFAULT FALSE NOT NULL;
