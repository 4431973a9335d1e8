/**
 * Exploration as a service for the HTTP routes: search, entity detail and expand. Every function
 * takes the database and the caller's region scope and returns a value parsed by its result schema.
 */
export { search, SEARCH_DEFAULTS, type SearchOptions } from './search.ts';
export { entityDetail, entityNotFound, DETAIL_DEFAULTS } from './detail.ts';
export { expand, EXPAND_DEFAULTS } from './expand.ts';
export {
  EntityDetailSchema,
  EntityKeySchema,
  EntityParamsSchema,
  ExpandQuerySchema,
  ExpandResultSchema,
  NodeRefSchema,
  SearchItemSchema,
  SearchQuerySchema,
  SearchResultSchema,
  type EntityDetail,
  type ExpandQuery,
  type ExpandQueryInput,
  type ExpandResult,
  type NodeRef,
  type SearchItem,
  type SearchQuery,
  type SearchQueryInput,
  type SearchResult,
} from './schemas.ts';
