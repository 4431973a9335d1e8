// Migration 004: full-text search over names, aliases, addresses and case titles. The `cjk`
// analyzer (Lucene's CJKAnalyzer) indexes Chinese as overlapping bigrams, so 假冒茅台 matches inside
// 关于销售假冒茅台酒案 without a word segmenter.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Company|Person|Shop|Address|Case|Brand)
ON EACH [n.name, n.aliases, n.text, n.title]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
