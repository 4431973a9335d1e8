/**
 * Region scope: the regions a user may see, expanded once at login from the codes on the account.
 * A code covers itself and every region under it (a city its districts and counties, the province
 * everything), and a retired code is covered wherever its successor is, because old exports still
 * carry it. Cypher receives the expanded list as `$scope` and decides visibility with the
 * `IN_SCOPE(n)` predicate below, never the client.
 */
import { z } from 'zod';
import { currentRegion, PROVINCE_CODE, REGIONS, regionAncestry } from '../domain/regions.ts';
import { ValidationError } from '../errors.ts';

/** What a request carries into every read: the expanded region codes, sorted. */
export interface Scope {
  readonly codes: readonly string[];
}

export const RegionCodesSchema = z
  .array(z.string().regex(/^\d{6}$/, 'a region code is 6 digits (GB/T 2260)'))
  .min(1, 'at least one region')
  .max(64);

/** Expands account region codes into the scope Cypher filters on. Unknown codes are refused. */
export function expandScope(codes: readonly string[]): Scope {
  const roots = codes.map((code) => {
    const region = currentRegion(code);
    if (!region) throw new ValidationError(`unknown region code ${code}`);
    return region.code;
  });
  const covered = new Set<string>();
  for (const r of REGIONS) {
    const today = currentRegion(r.code);
    if (!today) continue;
    // A region is in scope when it, or the region it became, sits under one of the roots.
    if (regionAncestry(today.code).some((a) => roots.includes(a.code))) covered.add(r.code);
  }
  return { codes: [...covered].sort() };
}

/** Whether a scope covers the whole province, so every region's data (an account of 360000). */
export function coversProvince(scope: Scope): boolean {
  return scope.codes.includes(PROVINCE_CODE);
}

/**
 * The visibility rule, to paste into statements as a predicate on a node `n` (see
 * cypher/explore/*.cypher): the node was reported by a region in scope (`seenIn`, kept by ingest), or
 * it is located in one (IN_REGION). Everything else is treated as if it did not exist.
 */
export const SCOPE_RULE =
  'any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }';
