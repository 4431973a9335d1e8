// Opens (or reopens, after an interrupted load) the Batch of one source file. A file is identified
// by its sha256, so the same bytes under another name are the same batch.
// params: $id STRING, $sha256 STRING, $file STRING, $sourceSystem STRING, $spec STRING, $regionCode STRING?, $dept STRING?, $exportDate STRING?, $archivedAs STRING
// columns: id STRING, status STRING, rowsCommitted INTEGER, file STRING, loadedAt STRING?, spec STRING, regionCode STRING?
MERGE (b:Batch {id: $id})
  ON CREATE SET b.sha256 = $sha256, b.file = $file, b.sourceSystem = $sourceSystem, b.spec = $spec,
                b.regionCode = $regionCode, b.dept = $dept, b.exportDate = $exportDate,
                b.archivedAs = $archivedAs, b.status = 'loading', b.rowsCommitted = 0, b.startedAt = datetime()
RETURN b.id AS id, b.status AS status, b.rowsCommitted AS rowsCommitted, b.file AS file, toString(b.loadedAt) AS loadedAt,
       b.spec AS spec, b.regionCode AS regionCode
