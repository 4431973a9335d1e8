// Migration 011: background jobs (detection runs and uploads started over the API) are reported from
// Neo4j, so any API process behind a load balancer answers for a job another process runs, and a
// cancel reaches it (server/jobs/board.ts). JobKind nodes are the locks that keep detection to one
// run at a time across processes.
CREATE CONSTRAINT job_id IF NOT EXISTS FOR (n:Job) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT job_kind IF NOT EXISTS FOR (n:JobKind) REQUIRE n.kind IS UNIQUE;
CREATE INDEX job_kind_status IF NOT EXISTS FOR (n:Job) ON (n.kind, n.status);
CREATE INDEX job_heartbeat IF NOT EXISTS FOR (n:Job) ON (n.heartbeatAt);
