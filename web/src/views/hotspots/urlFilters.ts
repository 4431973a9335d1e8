/**
 * The dashboard's filters live in the URL (#/hotspots?from=2024-01&to=2024-06&category=agri&region=360124),
 * so a view can be shared, reloaded and stepped back through. Unknown or malformed values are dropped.
 */
import { CATEGORY_IDS } from '../../../../server/hotspots/category.ts';
import { regionByCode } from '../../../../server/domain/regions.ts';

export interface Filters {
  from?: string;
  to?: string;
  category?: string;
  region?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function readFilters(params: URLSearchParams): Filters {
  const out: Filters = {};
  const from = params.get('from');
  const to = params.get('to');
  const category = params.get('category');
  const region = params.get('region');
  if (from && MONTH.test(from)) out.from = from;
  if (to && MONTH.test(to)) out.to = to;
  if (out.from && out.to && out.from > out.to) delete out.from;
  if (category && (CATEGORY_IDS as readonly string[]).includes(category)) out.category = category;
  if (region && regionByCode(region)) out.region = region;
  return out;
}

/** The URL parameters of a set of filters, without the empty ones. */
export function filterParams(filters: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<
    string,
    string
  >;
}
