/** Accounts and the audit log, for admins (GET/POST /api/users, GET /api/audit, /api/audit/verify). */
import type { Role } from '../../../../server/auth/roles.ts';
import type { Account, AccountList, AuditPage, AuditQuery, ChainCheck } from '../../../../server/http/routes/admin.ts';
import { api } from './client.ts';

export type { Account, AccountList, AuditPage, AuditQuery, ChainCheck };
export type AuditEvent = AuditPage['items'][number];

export const listAccounts = () => api<AccountList>('GET', '/api/users');
export const addAccount = (body: {
  username: string;
  displayName?: string;
  role: Role;
  regions: string[];
  password: string;
}) => api<Account>('POST', '/api/users', { body });
export const listAudit = (query: AuditQuery) => api<AuditPage>('GET', '/api/audit', { query: { ...query } });
export const verifyAudit = () => api<ChainCheck>('GET', '/api/audit/verify');
