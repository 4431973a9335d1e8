// Migration 007: the full-text index also reads what a case is about — its goods (涉案物品) and
// brand — so 茅台 finds a case titled only "销售侵犯注册商标专用权的白酒". A full-text index cannot be
// altered: `entity_search` replaces `entity_text` (same cjk analyzer, synchronous updates).
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Company|Person|Shop|Address|Case|Brand)
ON EACH [n.name, n.aliases, n.text, n.title, n.goods, n.brand]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
DROP INDEX entity_text IF EXISTS;
