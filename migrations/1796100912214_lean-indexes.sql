-- Issue 17 (bytes and writes per stored answer), as in the SQLite store: no index on sessions.updated_at
-- (every message moved the session's entry in it; the daily purge reads the sessions table through instead,
-- and without an indexed column changing, the touch of a session can be a HOT update) and none on
-- memory_turns.at (no query uses it: the purge groups the turns by session). Times are timestamptz here
-- already (8 bytes; SQLite now keeps integer milliseconds for the same reason).
-- Up Migration
DROP INDEX IF EXISTS sessions_updated;
DROP INDEX IF EXISTS memory_turns_at;

-- Down Migration
CREATE INDEX IF NOT EXISTS memory_turns_at ON memory_turns (at);
CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated_at);
