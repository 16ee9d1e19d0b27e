-- api (150-169): key pairs (os-keypairs), per user. A delete removes the row (the API always shows
-- deleted=false, deleted_at=null, as Nova does for live key pairs).
CREATE TABLE key_pairs (
    id          serial PRIMARY KEY,
    user_id     text NOT NULL,
    name        text NOT NULL,
    type        text NOT NULL DEFAULT 'ssh',
    fingerprint text NOT NULL,
    public_key  text NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz,
    UNIQUE (user_id, name)
);

-- The public key a server was created with (Nova's instances.key_data), next to key_name.
ALTER TABLE instances ADD COLUMN key_data text;
