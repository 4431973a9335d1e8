// Migration 003: range indexes for the lookups that search, trace, hotspots and ingest make by
// something other than the key: identifiers typed by a user, time windows, region filters.
CREATE INDEX company_uscc IF NOT EXISTS FOR (n:Company) ON (n.uscc);
CREATE INDEX company_name_key IF NOT EXISTS FOR (n:Company) ON (n.nameKey);
CREATE INDEX case_case_no IF NOT EXISTS FOR (n:Case) ON (n.caseNo);
CREATE INDEX case_region_opened IF NOT EXISTS FOR (n:Case) ON (n.regionCode, n.openedAt);
CREATE INDEX case_category IF NOT EXISTS FOR (n:Case) ON (n.category);
CREATE INDEX shipment_waybill IF NOT EXISTS FOR (n:Shipment) ON (n.waybillNo);
CREATE INDEX shipment_shipped_at IF NOT EXISTS FOR (n:Shipment) ON (n.shippedAt);
CREATE INDEX payment_at IF NOT EXISTS FOR (n:Payment) ON (n.at);
CREATE INDEX address_region IF NOT EXISTS FOR (n:Address) ON (n.regionCode);
CREATE INDEX shop_shop_id IF NOT EXISTS FOR (n:Shop) ON (n.shopId);
CREATE INDEX batch_sha256 IF NOT EXISTS FOR (n:Batch) ON (n.sha256);
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX community_run IF NOT EXISTS FOR (n:Community) ON (n.runId, n.score);
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
