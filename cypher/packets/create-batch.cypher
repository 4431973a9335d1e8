// The Batch of an imported packet: "shared by <region>", its issuer, purpose and signer, and the region
// that received it (seenIn), so its provenance shows in the receiving region's scope.
// params: $id STRING, $props MAP, $region STRING
// columns: id STRING
MERGE (b:Batch {id: $id})
ON CREATE SET b += $props, b.loadedAt = datetime(), b.seenIn = [$region]
RETURN b.id AS id
