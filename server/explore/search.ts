/**
 * Search: exact identifier matches first (USCC, phone, ID number, waybill, case number — all by
 * index), then full-text hits in Chinese over names, aliases, addresses and case titles, both within
 * the caller's region scope, paged with an opaque cursor tied to the query.
 */
import type { Scope } from '../auth/scope.ts';
import type { Db, Tx } from '../db/db.ts';
import { ENTITY_LABELS, type EntityLabel } from '../domain/model.ts';
import { decodeCursor, encodeCursor, queryDigest } from './cursor.ts';
import { displayName, entityLabelOf, regionCodes } from './presenter.ts';
import { findIdentifiers, searchText, type NodeSummaryRow } from './queries.ts';
import {
  parseOptions,
  SearchQuerySchema,
  type SearchItem,
  type SearchQueryInput,
  type SearchResult,
} from './schemas.ts';
import { hasLookups, identifierLookups, toLuceneQuery } from './terms.ts';

export const SEARCH_DEFAULTS = {
  /** Full-text hits Lucene hands over per request, before scope and labels filter them. */
  scan: 2_000,
  /** How deep a result list can be paged. */
  maxOffset: 1_000,
  /** Identifier matches kept (they are exact, so there are few). */
  maxIdentifierHits: 50,
  /**
   * Score reported for an identifier match. Identifier matches come first whatever their score; text
   * scores are Lucene's and compare only with each other.
   */
  identifierScore: 1,
} as const;

export type SearchOptions = SearchQueryInput & {
  /** The instance's HMAC key: a typed phone or ID number is matched through its identity key. */
  hmacKey: Buffer;
};

interface Hit {
  node: NodeSummaryRow;
  labels: string[];
  located: string[];
  seenIn: string[];
}

export async function search(
  db: Db,
  scope: Scope,
  options: SearchOptions,
  limits: { scan: number } = SEARCH_DEFAULTS,
): Promise<SearchResult> {
  const { hmacKey, ...input } = options;
  const query = parseOptions(SearchQuerySchema, input, 'search query');
  const digest = queryDigest(query.q, query.labels);
  const offset = query.cursor ? decodeCursor(query.cursor, digest, SEARCH_DEFAULTS.maxOffset) : 0;
  const labels: EntityLabel[] = query.labels ?? [...ENTITY_LABELS];
  const codes = [...scope.codes];
  const lookups = identifierLookups(query.q, hmacKey);
  const byIdentifier = hasLookups(lookups);
  const lucene = toLuceneQuery(query.q);

  // Identifier hits, then text hits (without those already found), under one time limit.
  const { identified, text, more, partial } = await db.reads('explore/search', async (tx: Tx) => {
    const idRows = byIdentifier
      ? await tx.run(findIdentifiers, { ...lookups, labels, scope: codes, limit: SEARCH_DEFAULTS.maxIdentifierHits })
      : [];
    const identified = idRows.map((h) => toItem(h, 'identifier', SEARCH_DEFAULTS.identifierScore, query.q));
    const fromIds = identified.slice(offset, offset + query.limit);
    const want = query.limit - fromIds.length;
    let more = offset + query.limit < identified.length;
    let text: SearchItem[] = [];
    let partial = false;
    if (lucene !== null) {
      const [found] = await tx.run(searchText, {
        q: lucene,
        labels,
        exclude: identified.map((i) => i.key),
        scope: codes,
        scan: limits.scan,
        skip: Math.max(0, offset - identified.length),
        // One more than needed tells whether another page exists.
        limit: want + 1,
      });
      const rows = found?.page ?? [];
      more ||= rows.length > want;
      text = rows.slice(0, want).map((h) => toItem(h, 'text', h.score, query.q));
      // A short page is the last one: did it end because the matches did, or because the scan did?
      partial = !more && want > 0 && (found?.hits ?? 0) >= limits.scan;
    }
    return { identified: fromIds, text, more, partial };
  });

  const next = offset + query.limit;
  const nextCursor = more && next <= SEARCH_DEFAULTS.maxOffset ? encodeCursor(next, digest) : null;
  // Checked against its schema once, where it leaves the server (the route's response schema).
  return { items: [...identified, ...text], nextCursor, partial };
}

function toItem(hit: Hit, matchedBy: SearchItem['matchedBy'], score: number, q: string): SearchItem {
  const label = entityLabelOf(hit.labels);
  // The statements only return entity nodes; a node without an entity label is a model change.
  if (!label) throw new Error(`quanlian/explore: ${hit.node.key} carries no entity label (${hit.labels.join(',')})`);
  const snippet = snippetOf(label, hit.node, q);
  return {
    key: hit.node.key,
    label,
    name: displayName(label, hit.node),
    ...(snippet ? { snippet } : {}),
    regionCodes: regionCodes(hit.located, hit.seenIn),
    score,
    matchedBy,
  };
}

/**
 * A second line that says why the hit matched or what it is: the alias that matched, a case's
 * number, a firm's USCC. A person shows only the masked ID number beside the name.
 */
function snippetOf(label: EntityLabel, n: NodeSummaryRow, q: string): string | undefined {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const alias = (n.aliases ?? []).find((a) => terms.some((t) => a.toLowerCase().includes(t)));
  switch (label) {
    case 'Person':
      return n.idMasked ?? undefined;
    case 'Case':
      return n.caseNo ?? undefined;
    case 'Company':
      return alias ?? n.uscc ?? undefined;
    case 'Shop':
      return alias ?? n.platform ?? undefined;
    case 'Brand':
      return alias;
    default:
      return undefined;
  }
}
