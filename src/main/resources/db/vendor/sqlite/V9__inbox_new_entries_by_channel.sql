-- The dispatcher claims in turn across the channels: each channel's new entries in id order, and
-- the channels with new entries found one after the other, each through this index.
CREATE INDEX inbox_channel_queue ON inbox (state, channel_id, id);
