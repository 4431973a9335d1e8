/**
 * Roles (DESIGN.md §8). What each may do is declared per route (server/http/routes/*: `allow`), and
 * the authorisation matrix test walks every route × role, so a route without a policy fails the suite.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'analyst', 'investigator', 'leader', 'partner'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  admin: { zh: '管理员', en: 'administrator' },
  analyst: { zh: '分析员', en: 'analyst' },
  investigator: { zh: '侦查员', en: 'investigator' },
  leader: { zh: '领导', en: 'leader' },
  partner: { zh: '协作单位', en: 'partner' },
};

/** Roles that read the graph's entities (leaders see aggregates only; partners only what is shared). */
export const EXPLORERS: readonly Role[] = ['admin', 'analyst', 'investigator'];
/** Roles that may decrypt a personal identifier, with a reason, audited. */
export const UNMASKERS: readonly Role[] = ['admin', 'investigator'];
