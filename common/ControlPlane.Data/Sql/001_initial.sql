-- controlplane database, initial schema.
-- Identity (Keystone v3 subset)
CREATE TABLE projects (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    domain_id   text NOT NULL DEFAULT 'default',
    enabled     boolean NOT NULL DEFAULT true,
    UNIQUE (domain_id, name)
);
CREATE TABLE users (
    id                 text PRIMARY KEY,
    name               text NOT NULL,
    domain_id          text NOT NULL DEFAULT 'default',
    password_hash      text NOT NULL,
    default_project_id text REFERENCES projects(id),
    enabled            boolean NOT NULL DEFAULT true,
    UNIQUE (domain_id, name)
);
CREATE TABLE roles (
    id    text PRIMARY KEY,
    name  text NOT NULL UNIQUE
);
CREATE TABLE role_assignments (
    user_id    text NOT NULL REFERENCES users(id),
    project_id text NOT NULL REFERENCES projects(id),
    role_id    text NOT NULL REFERENCES roles(id),
    PRIMARY KEY (user_id, project_id, role_id)
);
CREATE TABLE revoked_tokens (
    token_id   text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- Flavors (Nova's flavorid is the public id)
CREATE TABLE flavors (
    id           text PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    memory_mb    integer NOT NULL CHECK (memory_mb > 0),
    vcpus        integer NOT NULL CHECK (vcpus > 0),
    root_gb      integer NOT NULL CHECK (root_gb >= 0),
    ephemeral_gb integer NOT NULL DEFAULT 0,
    swap_mb      integer NOT NULL DEFAULT 0,
    rxtx_factor  real NOT NULL DEFAULT 1.0,
    is_public    boolean NOT NULL DEFAULT true,
    disabled     boolean NOT NULL DEFAULT false,
    description  text,
    extra_specs  jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Instances: vm_state + task_state + power_state as Nova. task_state NULL = none.
CREATE TABLE instances (
    id                uuid PRIMARY KEY,
    internal_id       bigserial UNIQUE,            -- instance_name = 'instance-' || lpad(to_hex(internal_id), 8, '0')
    project_id        text NOT NULL,
    user_id           text NOT NULL,
    display_name      text NOT NULL,
    display_description text,
    hostname          text,
    flavor_id         text NOT NULL,
    flavor            jsonb NOT NULL,              -- copy of the flavor at boot
    image_ref         text NOT NULL,
    vm_state          text NOT NULL,
    task_state        text,
    power_state       integer NOT NULL DEFAULT 0,
    host              text,
    node              text,
    progress          integer NOT NULL DEFAULT 0,
    reservation_id    text NOT NULL,
    launch_index      integer NOT NULL DEFAULT 0,
    availability_zone text,
    key_name          text,
    user_data         text,
    access_ip_v4      text,
    access_ip_v6      text,
    config_drive      text NOT NULL DEFAULT '',
    locked            boolean NOT NULL DEFAULT false,
    locked_reason     text,
    metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
    tags              text[] NOT NULL DEFAULT '{}',
    attempts          integer NOT NULL DEFAULT 0,  -- build attempts so far
    tried_hosts       text[] NOT NULL DEFAULT '{}',
    launched_at       timestamptz,
    terminated_at     timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    deleted_at        timestamptz,
    deleted           boolean NOT NULL DEFAULT false
);
CREATE INDEX instances_project_idx ON instances (project_id, deleted, created_at);
CREATE INDEX instances_host_idx ON instances (host) WHERE NOT deleted;

CREATE TABLE instance_faults (
    id          bigserial PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES instances(id),
    code        integer NOT NULL,
    message     text NOT NULL,
    details     text,
    host        text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX instance_faults_instance_idx ON instance_faults (instance_id, created_at DESC);

CREATE TABLE instance_actions (
    id           bigserial PRIMARY KEY,
    instance_id  uuid NOT NULL REFERENCES instances(id),
    action       text NOT NULL,
    request_id   text NOT NULL,
    user_id      text NOT NULL,
    project_id   text NOT NULL,
    start_time   timestamptz NOT NULL,
    finish_time  timestamptz,
    message      text,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX instance_actions_instance_idx ON instance_actions (instance_id, start_time);
CREATE TABLE instance_action_events (
    id          bigserial PRIMARY KEY,
    action_id   bigint NOT NULL REFERENCES instance_actions(id),
    event       text NOT NULL,
    start_time  timestamptz NOT NULL,
    finish_time timestamptz,
    result      text,
    traceback   text,
    host        text
);

-- Services and compute nodes (written only by the conductor from compute reports)
CREATE TABLE services (
    id              serial PRIMARY KEY,
    host            text NOT NULL,
    binary_name     text NOT NULL,
    topic           text NOT NULL,
    report_count    integer NOT NULL DEFAULT 0,
    disabled        boolean NOT NULL DEFAULT false,
    disabled_reason text,
    forced_down     boolean NOT NULL DEFAULT false,
    last_seen_at    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (host, binary_name)
);
CREATE TABLE compute_nodes (
    id                  serial PRIMARY KEY,
    host                text NOT NULL UNIQUE,
    hypervisor_hostname text NOT NULL,
    hypervisor_type     text NOT NULL,
    memory_mb           bigint NOT NULL,
    memory_mb_used      bigint NOT NULL,
    vcpus               integer NOT NULL,
    vcpus_used          integer NOT NULL,
    local_gb            bigint NOT NULL,
    local_gb_used       bigint NOT NULL,
    running_vms         integer NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- Resize/migrate records (used by the resize flow)
CREATE TABLE migrations (
    id              bigserial PRIMARY KEY,
    instance_id     uuid NOT NULL REFERENCES instances(id),
    source_compute  text,
    dest_compute    text,
    old_flavor_id   text,
    new_flavor_id   text,
    migration_type  text NOT NULL DEFAULT 'resize',
    status          text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE quotas (
    project_id  text NOT NULL,
    resource    text NOT NULL,
    hard_limit  integer NOT NULL,
    PRIMARY KEY (project_id, resource)
);
