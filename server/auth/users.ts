/**
 * Accounts: created by an admin (CLI `quanlian user add` or the API), each with one role and a region
 * scope. Login checks the password (scrypt), counts failures in the database and locks the account
 * for a while after too many, whatever process or address the attempts come from.
 */
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { ConflictError, ConstraintError, ValidationError } from '../errors.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createUserQuery, getUserQuery, listUsersQuery, recordLoginFailure, recordLoginSuccess } from './queries.ts';
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
  username: UsernameSchema,
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

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'bad-credentials' | 'locked' | 'disabled' };

/**
 * Checks a username and password. An unknown username costs the same hash as a known one and gets
 * the same answer, so the response does not tell which usernames exist.
 */
export async function checkLogin(db: Db, username: string, password: string): Promise<LoginResult> {
  const [row] = UsernameSchema.safeParse(username).success ? await db.run(getUserQuery, { username }) : [];
  if (!row) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, reason: 'bad-credentials' };
  }
  if (row.lockedUntil && Date.parse(row.lockedUntil) > Date.now()) return { ok: false, reason: 'locked' };
  const good = await verifyPassword(password, row.passwordHash);
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
  };
}
