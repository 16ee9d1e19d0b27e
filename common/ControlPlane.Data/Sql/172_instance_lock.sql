-- api (170-179): server lock. Who locked the server (Nova's instances.locked_by enum): 'owner' when a user of the
-- instance's project locked it, 'admin' when someone from another project did (only an admin may then unlock it).
-- locked and locked_reason exist since 001; NULL here while unlocked.
ALTER TABLE instances ADD COLUMN locked_by text CHECK (locked_by IN ('owner', 'admin'));
