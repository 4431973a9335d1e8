/** The seed generator's public API (used by `quanlian seed`, bench/seed.ts and the tests). */
export { generateSeed, type SeedSummary } from './generate.ts';
export { SIZES, SizeSchema, type SeedOptionsInput, type Size } from './options.ts';
export { SOURCE_SYSTEMS, SOURCE_BY_ID, type Column, type SourceSystem } from './sources.ts';
export { TRUTH_SCHEMA_VERSION } from './truth.ts';
export { parseCsvLine } from './out/csv.ts';
export { cellIsValid } from './out/validate.ts';
