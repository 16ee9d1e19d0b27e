-- api (190-199): server groups (os-server-groups, Nova's instance_groups / instance_group_policy /
-- instance_group_member). One policy per group (Nova stores one since 2.64); max_server_per_host is the
-- only rule (anti-affinity only, NULL = 1). A delete removes the group row and its member rows (Nova
-- deletes a group that still has members).
CREATE TABLE server_groups (
    id                  uuid PRIMARY KEY,
    project_id          text NOT NULL,
    user_id             text NOT NULL,
    name                text NOT NULL,
    policy              text NOT NULL CHECK (policy IN ('affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity')),
    max_server_per_host integer CHECK (max_server_per_host IS NULL OR (max_server_per_host > 0 AND policy = 'anti-affinity')),
    created_at          timestamptz NOT NULL
);
CREATE INDEX server_groups_project_idx ON server_groups (project_id, created_at);

-- A server is in at most one group (Nova refuses a second group hint); rows go with the group.
CREATE TABLE server_group_members (
    group_id    uuid NOT NULL REFERENCES server_groups(id) ON DELETE CASCADE,
    instance_id uuid NOT NULL UNIQUE REFERENCES instances(id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (group_id, instance_id)
);

-- A member leaves its group when it is deleted, whichever path deletes it (api local delete, conductor
-- after the compute's report): the membership follows the instances row in the same transaction.
CREATE FUNCTION server_group_members_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM server_group_members WHERE instance_id = NEW.id;
    RETURN NEW;
END $$;
CREATE TRIGGER instances_leave_server_group AFTER UPDATE OF deleted ON instances
    FOR EACH ROW WHEN (NEW.deleted AND NOT OLD.deleted) EXECUTE FUNCTION server_group_members_on_delete();
