// Summaries of the investigations a caller may open (their own, and shared ones whose regions their
// scope covers; the rule of get-investigation), newest first. A page continues after the last
// (updatedAt, id) of the previous one when $afterUpdatedAt and $afterId are given.
// params: $username STRING, $scope LIST<STRING>, $afterUpdatedAt STRING?, $afterId STRING?, $limit INTEGER
// columns: id STRING, title STRING, owner STRING, shared BOOLEAN, mine BOOLEAN, nodeCount INTEGER, updatedAt STRING
MATCH (i:Investigation)
WHERE (i.owner = $username OR (i.shared AND size(i.regions) > 0 AND all(c IN i.regions WHERE c IN $scope)))
  AND ($afterUpdatedAt IS NULL
       OR i.updatedAt < datetime($afterUpdatedAt)
       OR (i.updatedAt = datetime($afterUpdatedAt) AND i.id < $afterId))
RETURN i.id AS id, i.title AS title, i.owner AS owner, i.shared AS shared, i.owner = $username AS mine,
       i.nodeCount AS nodeCount, toString(i.updatedAt) AS updatedAt
ORDER BY i.updatedAt DESC, i.id DESC
LIMIT $limit
