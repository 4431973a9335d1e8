// Readiness probe: the database answers a trivial read.
// params: none
// columns: ok INTEGER (always 1)
RETURN 1 AS ok
