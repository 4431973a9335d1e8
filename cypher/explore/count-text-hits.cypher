// How many full-text hits Lucene hands over for `$q`, up to `$scan` (search-text reads no more): when
// it is `$scan`, matches beyond them went unread, and a search whose scope filtered out most of what
// was read says its answer may be partial. Read only when a page comes back short.
// params: $q STRING, $scan INTEGER
// columns: hits INTEGER
CALL db.index.fulltext.queryNodes('entity_search', $q, {limit: $scan}) YIELD node
RETURN count(node) AS hits
