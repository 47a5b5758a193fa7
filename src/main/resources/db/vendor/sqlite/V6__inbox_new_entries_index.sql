-- SQLite needs no partial index here: it walks inbox_queue (state, id) for the claim.
-- This keeps the version numbers of both stores in step (see db/vendor/postgresql).
SELECT 1;
