-- The dispatcher claims each channel's new entries in the order they fall due: the search starts
-- at the due ones and stops there, never reading the entries put back until later (a channel at
-- its Chat2Desk rate limit may have hundreds). The channels with new entries are still found one
-- after the other through the first column.
DROP INDEX inbox_new_by_channel;
CREATE INDEX inbox_new_by_channel_due ON inbox (channel_id, next_attempt_at, id) WHERE state = 'new';
