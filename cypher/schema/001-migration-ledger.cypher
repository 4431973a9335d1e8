// Migration 001: the ledger itself. Each applied migration is recorded as (:Migration {id, checksum,
// appliedAt}); `quanlian migrate` refuses to run when an applied file's checksum has changed.
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:Migration) REQUIRE n.id IS UNIQUE;
