-- api (100-199): the driver features a compute host publishes in its service report (names of
-- ControlPlane.Domain.Operations.DriverFeature, e.g. 'Snapshot'); the conductor stores them, the api refuses an
-- operation whose feature the instance's host lacks. NULL = not reported (an older compute): every feature allowed.
ALTER TABLE services ADD COLUMN IF NOT EXISTS driver_features text[];
