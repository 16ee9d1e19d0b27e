-- Image metadata (Glance v2 image entity). Bits live in the image store, keyed by id.
CREATE TABLE images (
    id               uuid        PRIMARY KEY,
    name             text        NULL,
    status           text        NOT NULL,
    visibility       text        NOT NULL,
    protected        boolean     NOT NULL DEFAULT false,
    os_hidden        boolean     NOT NULL DEFAULT false,
    checksum         text        NULL,
    os_hash_algo     text        NULL,
    os_hash_value    text        NULL,
    size             bigint      NULL,
    virtual_size     bigint      NULL,
    min_ram          integer     NOT NULL DEFAULT 0,
    min_disk         integer     NOT NULL DEFAULT 0,
    owner            text        NOT NULL,
    container_format text        NULL,
    disk_format      text        NULL,
    tags             text[]      NOT NULL DEFAULT '{}',
    properties       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    has_data         boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    deleted_at       timestamptz NULL,
    CONSTRAINT images_status_ck CHECK (status IN ('queued','saving','active','killed','deleted','pending_delete','deactivated','uploading','importing')),
    CONSTRAINT images_visibility_ck CHECK (visibility IN ('public','private','shared','community'))
);

CREATE INDEX images_owner_idx ON images (owner) WHERE status <> 'deleted';
CREATE INDEX images_visibility_idx ON images (visibility) WHERE status <> 'deleted';
CREATE INDEX images_created_idx ON images (created_at, id);

-- Projects an image is shared with (visibility 'shared').
CREATE TABLE image_members (
    image_id   uuid        NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    member     text        NOT NULL,
    status     text        NOT NULL DEFAULT 'pending',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (image_id, member),
    CONSTRAINT image_members_status_ck CHECK (status IN ('pending','accepted','rejected'))
);

CREATE INDEX image_members_member_idx ON image_members (member);
