/**
 * Unmask: decrypts one stored personal identifier (an ID number, a phone number, an account number)
 * for an investigator or admin who gives a reason. The route audits every attempt, granted or not;
 * the clear value is returned once and never logged.
 */
import { z } from 'zod';
import type { Scope } from '../auth/scope.ts';
import type { Db } from '../db/db.ts';
import { definePerLabel } from '../db/registry.ts';
import { labelOfKey } from '../domain/model.ts';
import { decryptPii } from '../domain/pii.ts';
import { NotFoundError } from '../errors.ts';

const SEALED = { Person: 'idEnc', Phone: 'enc', Account: 'enc' } as const;
type SealedLabel = keyof typeof SEALED;
const FIELD: Record<SealedLabel, 'idNumber' | 'phone' | 'account'> = {
  Person: 'idNumber',
  Phone: 'phone',
  Account: 'account',
};

const params = z.object({ key: z.string(), property: z.enum(['idEnc', 'enc']), scope: z.array(z.string()) });
const row = z.object({ key: z.string(), sealed: z.string().nullable(), masked: z.string().nullable() });
const readSealed = definePerLabel(Object.keys(SEALED) as SealedLabel[], {
  name: 'unmask/read-sealed',
  mode: 'READ',
  params,
  row,
});

export const UnmaskBodySchema = z.strictObject({
  /** Why: a case number or task, as the audit log will show it. */
  reason: z.string().trim().min(4, 'give a reason of at least 4 characters (e.g. the case number)').max(500),
});

export const UnmaskResultSchema = z.object({
  key: z.string(),
  field: z.enum(['idNumber', 'phone', 'account']),
  masked: z.string().nullable(),
  value: z.string(),
});

export async function unmask(
  db: Db,
  scope: Scope,
  encKey: Buffer,
  key: string,
): Promise<z.infer<typeof UnmaskResultSchema>> {
  const label = labelOfKey(key);
  const missing = new NotFoundError(`no personal identifier to unmask for ${key}`);
  if (label !== 'Person' && label !== 'Phone' && label !== 'Account') throw missing;
  const [found] = await db.run(readSealed[label], { key, property: SEALED[label], scope: [...scope.codes] });
  if (!found?.sealed) throw missing;
  return { key: found.key, field: FIELD[label], masked: found.masked, value: decryptPii(encKey, found.sealed) };
}
