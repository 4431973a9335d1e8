// Keeps an exported packet for the region it is addressed to: its partners find it in their inbox.
// params: $id STRING, $toRegion STRING, $props MAP, $json STRING
// columns: id STRING
MERGE (p:Packet {id: $id})
ON CREATE SET p += $props, p.toRegion = $toRegion, p.json = $json, p.storedAt = datetime()
RETURN p.id AS id
