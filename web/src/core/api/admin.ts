/** Accounts and the audit log, for admins (/api/users, /api/users/{username}, /api/audit, /api/audit/verify). */
import type {
  Account,
  AccountChange,
  AccountList,
  AuditPage,
  AuditQuery,
  ChainCheck,
  NewAccount,
} from '../../../../server/http/routes/admin.ts';
import { api } from './client.ts';

export type { Account, AccountChange, AccountList, AuditPage, AuditQuery, ChainCheck };
export type AccountRow = AccountList['items'][number];
export type AuditEvent = AuditPage['items'][number];

export const listAccounts = () => api<AccountList>('GET', '/api/users');
export const addAccount = (body: NewAccount) => api<Account>('POST', '/api/users', { body });
export const updateAccount = (username: string, body: AccountChange) =>
  api<AccountRow & { sessionsEnded: number }>('POST', `/api/users/${encodeURIComponent(username)}`, { body });
export const listAudit = (query: AuditQuery) => api<AuditPage>('GET', '/api/audit', { query: { ...query } });
export const verifyAudit = () => api<ChainCheck>('GET', '/api/audit/verify');
