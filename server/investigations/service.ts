/**
 * Saved investigations: an analyst's canvas (entities with positions, filters, notes) kept on the
 * server, reopened later, and shared within scope. Each one records its owner's region scope when
 * saved; a shared one opens for a colleague whose scope covers all of it, so sharing never shows
 * anyone names from regions they may not see. What a caller may not open is answered exactly like
 * an id that does not exist, and only the owner changes or deletes it (others get the same 404).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors.ts';
import {
  createInvestigationQuery,
  deleteInvestigationQuery,
  getInvestigationQuery,
  listInvestigationsQuery,
  updateInvestigationQuery,
  type InvestigationRow,
} from './queries.ts';
import type {
  CreateInvestigation,
  Investigation,
  InvestigationList,
  InvestigationState,
  ListInvestigationsQuery,
  UpdateInvestigation,
} from './schemas.ts';

/** Who is asking: the account name and its expanded region scope. */
export interface Caller {
  username: string;
  scope: Scope;
}

const notFound = (id: string) => new NotFoundError(`quanlian/investigations: no investigation ${id}`);

function present(row: InvestigationRow, caller: Caller): Investigation {
  const { state, ...rest } = row;
  // Stored by this service from a validated state; the route's response schema checks it again.
  return { ...rest, mine: row.owner === caller.username, state: JSON.parse(state) as InvestigationState };
}

// ── page cursors ──────────────────────────────────────────────────────────────────────────────
// Opaque to clients: the (updatedAt, id) of the last summary of a page, which the next page follows.
const CursorSchema = z.strictObject({ u: z.iso.datetime({ offset: true }), i: z.uuid() });

function encodeCursor(last: { updatedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ u: last.updatedAt, i: last.id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // falls through to the schema, which refuses null
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError('quanlian/investigations: the cursor is not valid; list again without it');
  return parsed.data;
}

// ── operations ────────────────────────────────────────────────────────────────────────────────

export async function listInvestigations(
  db: Db,
  caller: Caller,
  query: ListInvestigationsQuery,
): Promise<InvestigationList> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.run(listInvestigationsQuery, {
    username: caller.username,
    scope: [...caller.scope.codes],
    afterUpdatedAt: after?.u ?? null,
    afterId: after?.i ?? null,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function createInvestigation(db: Db, caller: Caller, input: CreateInvestigation): Promise<Investigation> {
  const [row] = await db.run(createInvestigationQuery, {
    id: randomUUID(),
    owner: caller.username,
    title: input.title,
    notes: input.notes,
    state: JSON.stringify(input.state),
    shared: input.shared,
    regions: [...caller.scope.codes],
    nodeCount: input.state.nodes.length,
  });
  if (!row) throw new Error('quanlian/investigations: create returned no row');
  return present(row, caller);
}

export async function getInvestigation(db: Db, caller: Caller, id: string): Promise<Investigation> {
  const [row] = await db.run(getInvestigationQuery, { id, username: caller.username, scope: [...caller.scope.codes] });
  if (!row) throw notFound(id);
  return present(row, caller);
}

/** Owner only; `version` must be the stored one, else StaleVersionError (409) and nothing changes. */
export async function updateInvestigation(
  db: Db,
  caller: Caller,
  id: string,
  input: UpdateInvestigation,
): Promise<Investigation> {
  const [row] = await db.run(updateInvestigationQuery, {
    id,
    owner: caller.username,
    version: input.version,
    title: input.title ?? null,
    notes: input.notes ?? null,
    state: input.state ? JSON.stringify(input.state) : null,
    shared: input.shared ?? null,
    nodeCount: input.state ? input.state.nodes.length : null,
    regions: [...caller.scope.codes],
  });
  if (!row) throw notFound(id);
  const { previous, ...stored } = row;
  if (previous !== input.version) {
    throw new StaleVersionError(
      `quanlian/investigations: investigation ${id} is at version ${previous}, not ${input.version}; ` +
        'reload it and apply the change again',
      { details: { version: previous } },
    );
  }
  return present(stored, caller);
}

/** Owner only. */
export async function deleteInvestigation(db: Db, caller: Caller, id: string): Promise<{ id: string; deleted: true }> {
  const [row] = await db.run(deleteInvestigationQuery, { id, owner: caller.username });
  if (!row?.deleted) throw notFound(id);
  return { id, deleted: true };
}
