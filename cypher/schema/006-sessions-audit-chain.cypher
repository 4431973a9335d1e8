// Migration 006: login sessions (looked up by the SHA-256 of the cookie's token) and the audit
// chain's order (one event per sequence number; the chain head is the one AuditHead node).
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (n:AuditHead) REQUIRE n.id IS UNIQUE;
CREATE INDEX session_expires IF NOT EXISTS FOR (n:Session) ON (n.expiresAt);
CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actor, n.seq);
CREATE INDEX audit_event_action IF NOT EXISTS FOR (n:AuditEvent) ON (n.action, n.seq);
