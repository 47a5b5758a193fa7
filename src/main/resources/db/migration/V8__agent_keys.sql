-- The key with which a channel's Agent writes first: only its SHA-256 hash is kept, so the store
-- never holds a usable key. NULL until the channel gets one (channels made before Agent keys existed).
ALTER TABLE channel ADD COLUMN agent_key_hash VARCHAR(64);
