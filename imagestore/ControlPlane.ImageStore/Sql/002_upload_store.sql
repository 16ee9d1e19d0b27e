-- Which store (data directory) an in-flight upload writes to, so that the instance owning that
-- store can kill the uploads a crash interrupted when it starts again.
ALTER TABLE images ADD COLUMN upload_store text NULL;
CREATE INDEX images_saving_idx ON images (upload_store) WHERE status = 'saving';
