// Folds weak {{LABEL}} nodes into their strong node once their relationships have moved: the strong
// node keeps its values and gains the weak one's missing properties, names, alternate keys and
// provenance; `mergedKeys` records what was folded in. The weak node is then deleted.
// params: $pairs LIST<MAP {weak STRING, strong STRING}>
// columns: folded INTEGER
UNWIND $pairs AS p
MATCH (w:{{LABEL}} {key: p.weak})
MATCH (s:{{LABEL}} {key: p.strong})
WITH w, s, properties(w) AS wp, properties(s) AS sp
SET s += w {.*, key: sp.key}
SET s += sp
SET s.aliases = (coalesce(sp.aliases, []) + [x IN [wp.name] + coalesce(wp.aliases, []) WHERE x IS NOT NULL AND (sp.name IS NULL OR x <> sp.name) AND NOT x IN coalesce(sp.aliases, [])])[0..30],
    s.altKeys = (coalesce(sp.altKeys, []) + [k IN [wp.key] + coalesce(wp.altKeys, []) WHERE k <> sp.key AND NOT k IN coalesce(sp.altKeys, [])])[0..60],
    s.src = (coalesce(sp.src, []) + [x IN coalesce(wp.src, []) WHERE NOT x IN coalesce(sp.src, [])])[0..20],
    s.srcCount = coalesce(sp.srcCount, 0) + coalesce(wp.srcCount, 0),
    s.mergedKeys = CASE WHEN wp.key IN coalesce(sp.mergedKeys, []) THEN sp.mergedKeys ELSE coalesce(sp.mergedKeys, []) + wp.key END
DETACH DELETE w
RETURN count(*) AS folded
