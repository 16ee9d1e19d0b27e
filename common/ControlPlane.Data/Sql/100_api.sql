-- api (100-199): columns and hooks the public API needs.

-- OS-DCF:diskConfig of a server (AUTO when true, MANUAL otherwise).
ALTER TABLE instances ADD COLUMN auto_disk_config boolean NOT NULL DEFAULT false;

-- Expired revocations are useless; the api prunes them by expiry.
CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at);

-- Every insert or update of an instance row notifies channel `instance_changed` with the
-- instance id as payload (delivered at commit). The public gRPC WatchServer listens on it,
-- so no writer (api, conductor) has to remember to NOTIFY by hand.
CREATE FUNCTION notify_instance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('instance_changed', NEW.id::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER instances_notify_changed AFTER INSERT OR UPDATE ON instances
    FOR EACH ROW EXECUTE FUNCTION notify_instance_changed();
