// Migration 010: the audit log is listed newest first by whichever filter picks the fewest events
// (server/audit/log.ts listEvents); an outcome other than ok (denied, not-found, invalid, error) is
// usually the rarest, so it gets an index that yields its events in sequence order, as actor and
// action have since migration 006.
CREATE INDEX audit_event_outcome IF NOT EXISTS FOR (n:AuditEvent) ON (n.outcome, n.seq);
