// Migration 012: "who read or unmasked this person?" — the audit log is listed by the entity, case
// or account an event names (its target), newest first, through a (target, seq) index as actor,
// action and outcome are.
CREATE INDEX audit_event_target IF NOT EXISTS FOR (n:AuditEvent) ON (n.target, n.seq);
