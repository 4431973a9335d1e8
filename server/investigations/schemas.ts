/**
 * The saved-investigations contract: the canvas state the web app stores (opaque to the server but
 * bounded and checked on write, so a stored canvas always loads again), request bodies, and the
 * answers. Objects are strict: a field that is not on the list is refused, not silently dropped.
 */
import { z } from 'zod';
import { depthExceeds } from '../json.ts';

/** Largest canvas state, serialized as UTF-8 JSON. */
export const STATE_MAX_BYTES = 4 * 1024 * 1024;
/** Body limit of the routes that carry a state: the state plus notes even if every character is escaped. */
export const INVESTIGATION_BODY_LIMIT = STATE_MAX_BYTES + 256 * 1024;
const FILTER_MAX_DEPTH = 8;

/** UTF-8 size of the state as stored; Infinity when it cannot be serialized at all. */
function serializedBytes(state: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(state), 'utf8');
  } catch {
    return Infinity;
  }
}

const Key = z.string().min(1).max(300);
const TypeName = z.string().min(1).max(64);

export const CanvasNodeSchema = z.strictObject({
  key: Key,
  label: TypeName,
  name: z.string().max(300),
  x: z.number(),
  y: z.number(),
  pinned: z.boolean().optional(),
  // What the web app keeps of an entity besides its place (web/src/core/graph/types.ts EntityNode).
  regionCodes: z
    .array(z.string().regex(/^\d{6}$/))
    .max(64)
    .optional(),
  at: z.string().max(40).optional(),
  amount: z.number().optional(),
  community: z.string().max(100).optional(),
  stage: z.string().max(64).optional(),
  /** Hidden by the analyst: kept on the canvas, not drawn. */
  hidden: z.boolean().optional(),
});

export const CanvasEdgeSchema = z.strictObject({
  source: Key,
  target: Key,
  type: TypeName,
  /** The web app's edge key, `source|type|target` by default. */
  key: z.string().min(1).max(700).optional(),
});

export const InvestigationStateSchema = z
  .strictObject({
    nodes: z.array(CanvasNodeSchema).max(20_000),
    edges: z.array(CanvasEdgeSchema).max(100_000),
    // Filter values are the web app's business; their depth is bounded so serializing them is safe.
    filters: z
      .record(z.string().min(1).max(100), z.unknown())
      .refine((f) => Object.keys(f).length <= 50, 'at most 50 filters')
      .refine((f) => !depthExceeds(f, FILTER_MAX_DEPTH), {
        message: `filters nest at most ${FILTER_MAX_DEPTH} deep`,
        abort: true,
      }),
    view: z.strictObject({ x: z.number(), y: z.number(), ratio: z.number() }).optional(),
  })
  .superRefine((state, ctx) => {
    // A canvas is a graph: node keys are unique and every edge joins two nodes on it.
    const keys = new Set<string>();
    for (const [i, n] of state.nodes.entries()) {
      if (keys.has(n.key)) return ctx.addIssue({ code: 'custom', path: ['nodes', i, 'key'], message: 'duplicate key' });
      keys.add(n.key);
    }
    for (const [i, e] of state.edges.entries()) {
      for (const end of ['source', 'target'] as const) {
        if (!keys.has(e[end]))
          return ctx.addIssue({ code: 'custom', path: ['edges', i, end], message: 'not a node on the canvas' });
      }
    }
    if (serializedBytes(state) > STATE_MAX_BYTES)
      ctx.addIssue({ code: 'custom', path: [], message: `the state is larger than ${STATE_MAX_BYTES} bytes` });
  });
export type InvestigationState = z.infer<typeof InvestigationStateSchema>;

export const InvestigationIdSchema = z.uuid('not an investigation id');
export const InvestigationParamsSchema = z.object({ id: InvestigationIdSchema });

const Title = z.string().trim().min(1).max(100);
const Notes = z.string().max(20_000);

export const CreateInvestigationSchema = z.strictObject({
  title: Title,
  notes: Notes.default(''),
  state: InvestigationStateSchema,
  shared: z.boolean().default(false),
});
export type CreateInvestigation = z.output<typeof CreateInvestigationSchema>;

export const UpdateInvestigationSchema = z
  .strictObject({
    title: Title.optional(),
    notes: Notes.optional(),
    state: InvestigationStateSchema.optional(),
    shared: z.boolean().optional(),
    /** The version the change is based on; a newer stored version refuses it (409 stale-version). */
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .refine(
    (b) => b.title !== undefined || b.notes !== undefined || b.state !== undefined || b.shared !== undefined,
    'nothing to change: give title, notes, state or shared',
  );
export type UpdateInvestigation = z.output<typeof UpdateInvestigationSchema>;

export const ListInvestigationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page'),
});
export type ListInvestigationsQuery = z.output<typeof ListInvestigationsQuerySchema>;

export const InvestigationSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  shared: z.boolean(),
  /** The caller owns it (and so may change or delete it). */
  mine: z.boolean(),
  nodeCount: z.number().int(),
  updatedAt: z.string(),
});
export type InvestigationSummary = z.infer<typeof InvestigationSummarySchema>;

export const InvestigationListSchema = z.strictObject({
  items: z.array(InvestigationSummarySchema),
  nextCursor: z.string().nullable(),
});
export type InvestigationList = z.infer<typeof InvestigationListSchema>;

export const InvestigationSchema = InvestigationSummarySchema.extend({
  notes: z.string(),
  state: InvestigationStateSchema,
  /** The owner's region scope when last saved: who else may open it when shared. */
  regions: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Investigation = z.infer<typeof InvestigationSchema>;

export const DeletedInvestigationSchema = z.strictObject({ id: z.string(), deleted: z.literal(true) });
