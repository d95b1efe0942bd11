-- Brygga's shared state on PostgreSQL (issue 15). Times are timestamptz, set by the application.
-- Up Migration
CREATE TABLE sessions (
  id text PRIMARY KEY,
  channel text NOT NULL,
  external_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- the seq of the session's last message: appends take the row lock and count on
  last_seq integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sessions_external ON sessions (channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX sessions_updated ON sessions (updated_at);

CREATE TABLE messages (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  meta jsonb,
  at timestamptz NOT NULL,
  UNIQUE (session_id, seq)
);
CREATE INDEX messages_role_at ON messages (role, at);

CREATE TABLE feedback (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  rating text NOT NULL CHECK (rating IN ('up', 'down')),
  comment text,
  at timestamptz NOT NULL
);
CREATE INDEX feedback_message ON feedback (message_id);

CREATE TABLE message_links (
  key text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  at timestamptz NOT NULL
);
CREATE INDEX message_links_message ON message_links (message_id);

CREATE TABLE follow_ups (
  message_id text PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  link text,
  at timestamptz NOT NULL
);

CREATE TABLE memory_turns (
  session_id text NOT NULL,
  -- one sequence for all sessions: a session's turns are ordered by it, and concurrent writers never collide
  seq bigint GENERATED ALWAYS AS IDENTITY,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  subjects jsonb NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE INDEX memory_turns_at ON memory_turns (at);

CREATE TABLE dedup (
  key text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX dedup_expires ON dedup (expires_at);

CREATE TABLE rate_counters (
  key text PRIMARY KEY,
  count integer NOT NULL,
  reset_at bigint NOT NULL
);
CREATE INDEX rate_counters_reset ON rate_counters (reset_at);

CREATE TABLE needs (
  id text PRIMARY KEY,
  n bigserial NOT NULL,
  record jsonb NOT NULL
);

-- Down Migration
DROP TABLE needs;
DROP TABLE rate_counters;
DROP TABLE dedup;
DROP TABLE memory_turns;
DROP TABLE follow_ups;
DROP TABLE message_links;
DROP TABLE feedback;
DROP TABLE messages;
DROP TABLE sessions;
