-- api (180-189): Nova's instance system metadata (key/value strings the services keep about an instance, e.g.
-- shelved_at, shelved_image_id, shelved_host while it is shelved). Never shown as user metadata.
ALTER TABLE instances ADD COLUMN system_metadata jsonb NOT NULL DEFAULT '{}'::jsonb;
