// Writes one batch of MEMBER_OF links from {{LABEL}} parties (whitelist) to a running run's communities.
// params: $rows LIST<MAP> (key, community, stage, role)
// columns: written INTEGER
UNWIND $rows AS row
MATCH (p:{{LABEL}} {key: row.key})
MATCH (c:Community {id: row.community})
CREATE (p)-[m:MEMBER_OF {stage: row.stage, role: row.role, runId: c.runId}]->(c)
RETURN count(m) AS written
