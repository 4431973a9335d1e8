/** Registered statements of accounts and sessions (cypher/auth). */
import { z } from 'zod';
import { defineQuery, definePerLabel } from '../db/registry.ts';
import { ENTITY_LABELS } from '../domain/model.ts';

const username = z.string().min(1).max(64);
const str = z.string().nullable();

export const createUserQuery = defineQuery({
  name: 'auth/create-user',
  mode: 'WRITE',
  params: z.object({
    username,
    displayName: z.string(),
    role: z.string(),
    regions: z.array(z.string()),
    passwordHash: z.string(),
    createdBy: z.string(),
  }),
  row: z.object({ username: z.string() }),
});

export const getUserQuery = defineQuery({
  name: 'auth/get-user',
  mode: 'READ',
  params: z.object({ username }),
  row: z.object({
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    regions: z.array(z.string()),
    passwordHash: z.string(),
    failedLogins: z.number().int(),
    lockedUntil: str,
    disabled: z.boolean(),
  }),
});

const accountRow = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regions: z.array(z.string()),
  createdAt: z.string(),
  lastLoginAt: str,
  lockedUntil: str,
  disabled: z.boolean(),
});

export const listUsersQuery = defineQuery({
  name: 'auth/list-users',
  mode: 'READ',
  params: z.object({}),
  row: accountRow,
});

export const updateUserQuery = defineQuery({
  name: 'auth/update-user',
  mode: 'WRITE',
  params: z.object({
    username,
    displayName: z.string().nullable(),
    role: z.string().nullable(),
    regions: z.array(z.string()).nullable(),
    disabled: z.boolean().nullable(),
    unlock: z.boolean(),
    passwordHash: z.string().nullable(),
    updatedBy: z.string(),
    keepSession: z.string().nullable(),
  }),
  row: accountRow.extend({ sessionsEnded: z.number().int() }),
});

export const lockAdminsQuery = defineQuery({
  name: 'auth/lock-admins',
  mode: 'WRITE',
  params: z.object({}),
  row: z.object({ locked: z.number().int() }),
});

export const countEnabledAdminsQuery = defineQuery({
  name: 'auth/count-enabled-admins',
  mode: 'READ',
  params: z.object({}),
  row: z.object({ admins: z.number().int() }),
});

export const recordLoginFailure = defineQuery({
  name: 'auth/record-login-failure',
  mode: 'WRITE',
  params: z.object({ username, maxFailures: z.number().int().min(1), lockSeconds: z.number().int().min(1) }),
  row: z.object({ failedLogins: z.number().int(), lockedUntil: str }),
});

export const recordLoginSuccess = defineQuery({
  name: 'auth/record-login-success',
  mode: 'WRITE',
  params: z.object({ username }),
  row: z.object({ username: z.string() }),
});

const sessionId = z.string().regex(/^[0-9a-f]{64}$/);

export const createSessionQuery = defineQuery({
  name: 'auth/create-session',
  mode: 'WRITE',
  params: z.object({
    id: sessionId,
    username,
    passwordHash: z.string(),
    csrf: z.string(),
    ttlSeconds: z.number().int().min(60),
    ip: str,
    userAgent: str,
  }),
  row: z.object({ expiresAt: z.string() }),
});

export const getSessionQuery = defineQuery({
  name: 'auth/get-session',
  mode: 'READ',
  params: z.object({ id: sessionId }),
  row: z.object({
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    regions: z.array(z.string()),
    csrf: z.string(),
    expiresAt: z.string(),
  }),
});

export const deleteSessionQuery = defineQuery({
  name: 'auth/delete-session',
  mode: 'WRITE',
  params: z.object({ id: sessionId }),
  row: z.object({ deleted: z.number().int() }),
});

export const deleteExpiredSessions = defineQuery({
  name: 'auth/delete-expired-sessions',
  mode: 'WRITE',
  params: z.object({ limit: z.number().int().min(1).max(100_000) }),
  row: z.object({ deleted: z.number().int() }),
});

export const filterVisible = definePerLabel(ENTITY_LABELS, {
  name: 'auth/filter-visible',
  mode: 'READ',
  params: z.object({ keys: z.array(z.string()).max(100_000), scope: z.array(z.string()) }),
  row: z.object({ key: z.string() }),
});
