-- api (185): resize and cold migration records (the migrations table of 001, completed to Nova's fields).
-- uuid: the public id (2.59); nodes and dest_host as Nova; the flavor copies as claimed (old on the source, new on
-- the destination) so a scheduler restart rebuilds both claims; user and project of the request (2.80).
ALTER TABLE migrations ADD COLUMN uuid uuid;
UPDATE migrations SET uuid = md5(id::text || clock_timestamp()::text)::uuid WHERE uuid IS NULL;
ALTER TABLE migrations ALTER COLUMN uuid SET NOT NULL;
ALTER TABLE migrations ADD CONSTRAINT migrations_uuid_key UNIQUE (uuid);
ALTER TABLE migrations ADD COLUMN source_node text;
ALTER TABLE migrations ADD COLUMN dest_node text;
ALTER TABLE migrations ADD COLUMN dest_host text;
ALTER TABLE migrations ADD COLUMN old_flavor jsonb;
ALTER TABLE migrations ADD COLUMN new_flavor jsonb;
ALTER TABLE migrations ADD COLUMN user_id text;
ALTER TABLE migrations ADD COLUMN project_id text;
ALTER TABLE migrations ADD COLUMN old_vm_state text;
ALTER TABLE migrations ADD COLUMN deleted boolean NOT NULL DEFAULT false;
-- The one-time credential of the disk transfer (handed to both computes in the resize casts; never shown).
ALTER TABLE migrations ADD COLUMN transfer_token text;

-- Claims rebuilt per host: the migrations still holding a claim on a source or a destination.
CREATE INDEX migrations_source_active_idx ON migrations (source_compute)
    WHERE status IN ('pre-migrating', 'migrating', 'post-migrating', 'finished', 'confirming', 'reverting');
CREATE INDEX migrations_dest_active_idx ON migrations (dest_compute)
    WHERE status IN ('pre-migrating', 'migrating', 'post-migrating', 'finished', 'confirming', 'reverting');
CREATE INDEX migrations_instance_idx ON migrations (instance_id, id DESC);
