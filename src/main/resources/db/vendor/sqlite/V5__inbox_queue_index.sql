-- The dispatcher claims the oldest ready entries: walking the new entries in id order lets it stop
-- after a batch, where (state, next_attempt_at) made it read and sort the whole backlog each time.
DROP INDEX inbox_ready;
CREATE INDEX inbox_queue ON inbox (state, id);
