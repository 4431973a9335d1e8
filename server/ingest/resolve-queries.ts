/** Registered statements of identity resolution, one per resolved label and relationship type. */
import { z } from 'zod';
import { defineQuery, type Query } from '../db/registry.ts';
import { IN_REGION, REL_TYPES, REL_TYPE_NAMES, type EntityLabel } from '../domain/model.ts';

export const RESOLVED_LABELS = ['Company', 'Person'] as const satisfies readonly EntityLabel[];
export type ResolvedLabel = (typeof RESOLVED_LABELS)[number];

/** Relationship types that can leave (out) or reach (in) a label; IN_REGION leaves every entity. */
export function relTypesOf(label: EntityLabel, direction: 'in' | 'out'): string[] {
  const types = REL_TYPE_NAMES.filter((t) =>
    (REL_TYPES[t][direction === 'out' ? 'from' : 'to'] as readonly string[]).includes(label),
  );
  return direction === 'out' ? [...types, IN_REGION] : types;
}

const pairs = z.object({ pairs: z.array(z.object({ weak: z.string(), strong: z.string() })).max(10_000) });
const moved = z.object({ moved: z.number().int() });
type MoveQuery = Query<typeof pairs, typeof moved>;

export const listIdentityKeys = Object.fromEntries(
  RESOLVED_LABELS.map((label) => [
    label,
    defineQuery({
      name: 'resolve/list-identity-keys',
      fill: { LABEL: label },
      mode: 'READ',
      params: z.object({ after: z.string(), limit: z.number().int().min(1).max(100_000) }),
      row: z.object({ key: z.string(), alt: z.array(z.string()) }),
    }),
  ]),
) as Record<
  (typeof RESOLVED_LABELS)[number],
  Query<
    z.ZodObject<{ after: z.ZodString; limit: z.ZodNumber }>,
    z.ZodObject<{ key: z.ZodString; alt: z.ZodArray<z.ZodString> }>
  >
>;

function moves(direction: 'in' | 'out'): Record<string, MoveQuery> {
  const out: Record<string, MoveQuery> = {};
  for (const label of RESOLVED_LABELS) {
    for (const type of relTypesOf(label, direction)) {
      out[`${label}|${type}`] = defineQuery({
        name: direction === 'out' ? 'resolve/move-outgoing' : 'resolve/move-incoming',
        fill: { LABEL: label, TYPE: type },
        mode: 'WRITE',
        params: pairs,
        row: moved,
      });
    }
  }
  return out;
}

export const moveOutgoing = moves('out');
export const moveIncoming = moves('in');

export const foldNodes = Object.fromEntries(
  RESOLVED_LABELS.map((label) => [
    label,
    defineQuery({
      name: 'resolve/fold-nodes',
      fill: { LABEL: label },
      mode: 'WRITE',
      params: pairs,
      row: z.object({ folded: z.number().int() }),
    }),
  ]),
) as Record<(typeof RESOLVED_LABELS)[number], Query<typeof pairs, z.ZodObject<{ folded: z.ZodNumber }>>>;
