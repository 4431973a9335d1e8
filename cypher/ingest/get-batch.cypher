// One batch (a loaded source file) with its reporting region, status and counts, for the report and
// rejects downloads, and the spec and archived copy its source rows are read back with.
// params: $id STRING
// columns: id STRING, file STRING, status STRING, regionCode STRING?, sourceSystem STRING, spec STRING?, archivedAs STRING?, total INTEGER?, accepted INTEGER?, rejected INTEGER?, duplicate INTEGER?
MATCH (b:Batch {id: $id})
RETURN b.id AS id, b.file AS file, b.status AS status, b.regionCode AS regionCode, b.sourceSystem AS sourceSystem,
       b.spec AS spec, b.archivedAs AS archivedAs,
       b.total AS total, b.accepted AS accepted, b.rejected AS rejected, b.duplicate AS duplicate
