-- scheduler (200-299): indexes for the conductor's queries.

-- The build reaper scans instances still building on a host (a small set at any time).
CREATE INDEX instances_building_host_idx ON instances (host) WHERE vm_state = 'building' AND NOT deleted;
