-- The dispatcher claims each channel's new entries in the order they fall due: the search starts
-- at the due ones and stops there, never reading the entries put back until later (a channel at
-- its Chat2Desk rate limit may have hundreds). The channels with new entries are still found one
-- after the other through the first two columns.
DROP INDEX inbox_channel_queue;
CREATE INDEX inbox_channel_due ON inbox (state, channel_id, next_attempt_at, id);
