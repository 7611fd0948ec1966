-- Background workers (reconciler, release worker) of several instances claim rows with
-- FOR UPDATE SKIP LOCKED and hold them by this lease while they talk to inventory outside any
-- transaction; a crashed worker's lease simply runs out and the row is claimed again.
ALTER TABLE orders ADD COLUMN lease_until TIMESTAMPTZ;
