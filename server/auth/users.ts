/**
 * Accounts: created by an admin (CLI `quanlian user add` or the API), each with one role and a region
 * scope. Login checks the password (scrypt), counts failures in the database and locks the account
 * for a while after too many, whatever process or address the attempts come from.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { ConflictError, ConstraintError, NotFoundError, ValidationError } from '../errors.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import {
  countEnabledAdminsQuery,
  createUserQuery,
  getUserQuery,
  lockAdminsQuery,
  listUsersQuery,
  recordLoginFailure,
  recordLoginSuccess,
  updateUserQuery,
} from './queries.ts';
import { RoleSchema, type Role } from './roles.ts';
import { expandScope, RegionCodesSchema } from './scope.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_SECONDS = 15 * 60;

export const UsernameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9._-]{2,31}$/,
    'a username is 3–32 characters: lower-case letters, digits, . _ -, starting with a letter',
  );

export const NewUserSchema = z.object({
  username: UsernameSchema.refine((u) => u !== 'cli', "'cli' names the server's command line in the audit log"),
  displayName: z.string().trim().min(1).max(64).optional(),
  role: RoleSchema,
  regions: RegionCodesSchema,
  password: z.string(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export interface User {
  username: string;
  displayName: string;
  role: Role;
  regions: string[];
}

export async function addUser(db: Db, input: NewUser, createdBy: string): Promise<User> {
  const user = NewUserSchema.parse(input);
  const problem = passwordProblem(user.password, user.username);
  if (problem) throw new ValidationError(`user ${user.username}: ${problem}`);
  expandScope(user.regions); // refuses unknown codes
  const passwordHash = await hashPassword(user.password);
  try {
    await db.run(createUserQuery, {
      username: user.username,
      displayName: user.displayName ?? user.username,
      role: user.role,
      regions: user.regions,
      passwordHash,
      createdBy,
    });
  } catch (error) {
    if (error instanceof ConstraintError) throw new ConflictError(`user ${user.username} already exists`);
    throw error;
  }
  return {
    username: user.username,
    displayName: user.displayName ?? user.username,
    role: user.role,
    regions: user.regions,
  };
}

export async function listUsers(db: Db) {
  return db.run(listUsersQuery, {});
}

/** What an administrator may change on an account; at least one field. */
export const UserChangeSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(64).optional(),
    role: RoleSchema.optional(),
    regions: RegionCodesSchema.optional(),
    /** true: no sign-in, and its sessions end; false: allowed again. */
    disabled: z.boolean().optional(),
    /** Lifts a lock-out after failed sign-ins. */
    unlock: z.literal(true).optional(),
    /** A new password (its sessions end). */
    password: z.string().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'name at least one change');
export type UserChange = z.infer<typeof UserChangeSchema>;

/**
 * Changes an account as an administrator, in one write transaction. `by` is the acting admin (or
 * 'cli'): an admin may not disable their own account or take away their own admin role, and no
 * change may leave no enabled admin — checked under the locks of all admin accounts, so two admins
 * removing each other at once cannot both pass (the CLI, run on the server, stays the way back).
 * `keepSession`: the acting admin's own session, kept when they change their own password. A changed
 * role or scope applies to the account's open sessions at their next request.
 */
export async function updateUser(
  db: Db,
  username: string,
  input: UserChange,
  by: string,
  keepSession: string | null = null,
) {
  const change = UserChangeSchema.parse(input);
  if (!UsernameSchema.safeParse(username).success) throw new NotFoundError(`user ${username} not found`);
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password, username);
    if (problem) throw new ValidationError(`user ${username}: ${problem}`);
  }
  if (change.regions) expandScope(change.regions); // refuses unknown codes
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : null;
  const row = await db.writeTx('auth/update-user', async (tx) => {
    const [current] = await tx.run(getUserQuery, { username });
    if (!current) throw new NotFoundError(`user ${username} not found`);
    if (removesAdmin(current, change)) {
      await tx.run(lockAdminsQuery, {});
      const [count] = await tx.run(countEnabledAdminsQuery, {});
      const problem = adminGuardProblem(username, by, count?.admins ?? 0);
      if (problem) throw new ValidationError(`user ${username}: ${problem}`);
    }
    const [updated] = await tx.run(updateUserQuery, {
      username,
      displayName: change.displayName ?? null,
      role: change.role ?? null,
      regions: change.regions ?? null,
      disabled: change.disabled ?? null,
      unlock: change.unlock ?? false,
      passwordHash,
      updatedBy: by,
      keepSession,
    });
    if (!updated) throw new NotFoundError(`user ${username} not found`);
    return updated;
  });
  const { sessionsEnded, ...account } = row;
  return { account: { ...account, role: RoleSchema.parse(account.role) }, sessionsEnded };
}

/** Whether a change takes an enabled administrator away (disabled, or given another role). */
export function removesAdmin(current: { role: string; disabled: boolean }, change: UserChange): boolean {
  if (current.role !== 'admin' || current.disabled) return false;
  return change.disabled === true || (change.role !== undefined && change.role !== 'admin');
}

/** Why an administrator may not be taken away: it is the acting one, or the last enabled one. */
export function adminGuardProblem(username: string, by: string, enabledAdmins: number): string | null {
  if (username === by) return 'an administrator cannot disable or demote their own account';
  if (enabledAdmins <= 1) return 'the last enabled administrator must stay';
  return null;
}

/** What a change touched, for the audit (never the password itself). */
export function describeChange(change: UserChange): Record<string, unknown> {
  const { password, ...rest } = change;
  return { ...rest, ...(password !== undefined ? { password: 'changed' } : {}) };
}

export type LoginResult =
  | {
      ok: true;
      user: User;
      /** The hash the password was checked against (a session opens only while it stands). */
      passwordHash: string;
    }
  | { ok: false; reason: 'bad-credentials' | 'locked' | 'disabled' };

/**
 * Checks a username and password. An unknown username costs the same hash as a known one, and so
 * does a locked account: the caller answers all three alike, so neither the response nor its timing
 * tells which usernames exist or which are locked. A locked account's attempts are not counted.
 */
export async function checkLogin(db: Db, username: string, password: string): Promise<LoginResult> {
  const [row] = UsernameSchema.safeParse(username).success ? await db.run(getUserQuery, { username }) : [];
  if (!row) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, reason: 'bad-credentials' };
  }
  const good = await verifyPassword(password, row.passwordHash);
  if (row.lockedUntil && Date.parse(row.lockedUntil) > Date.now()) return { ok: false, reason: 'locked' };
  if (!good) {
    const [after] = await db.run(recordLoginFailure, {
      username,
      maxFailures: MAX_FAILED_LOGINS,
      lockSeconds: LOCK_SECONDS,
    });
    return {
      ok: false,
      reason: after?.lockedUntil && Date.parse(after.lockedUntil) > Date.now() ? 'locked' : 'bad-credentials',
    };
  }
  if (row.disabled) return { ok: false, reason: 'disabled' };
  await db.run(recordLoginSuccess, { username });
  return {
    ok: true,
    user: {
      username: row.username,
      displayName: row.displayName,
      role: RoleSchema.parse(row.role),
      regions: row.regions,
    },
    passwordHash: row.passwordHash,
  };
}
