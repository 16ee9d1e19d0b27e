-- compute (210): the optional features of each compute host's virt driver (DriverFeature names, e.g.
-- 'Snapshot'), written by the conductor from the host's service report; NULL = not reported yet (unknown).
-- IF NOT EXISTS: the api side may add the same column.
ALTER TABLE services ADD COLUMN IF NOT EXISTS driver_features text[];
