/**
 * The demo's accounts, one per role, so every screen can be tried: passwords are generated on first
 * use and kept in <data dir>/demo/users.json (mode 0600) so later starts print the same ones. Only
 * `quanlian demo` creates them; a real deployment adds accounts with `quanlian user add`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { getUserQuery } from './queries.ts';
import type { Role } from './roles.ts';
import { addUser } from './users.ts';

export const DEMO_ACCOUNTS: readonly { username: string; role: Role; regions: string[]; displayName: string }[] = [
  { username: 'admin', role: 'admin', regions: ['360000'], displayName: '系统管理员' },
  { username: 'analyst', role: 'analyst', regions: ['360100'], displayName: '南昌市市场监管局 分析员' },
  {
    username: 'investigator',
    role: 'investigator',
    regions: ['360102', '360111'],
    displayName: '东湖区公安分局 侦查员',
  },
  { username: 'leader', role: 'leader', regions: ['360000'], displayName: '省市场监管局 领导' },
  { username: 'partner', role: 'partner', regions: ['361100'], displayName: '上饶市市场监管局 协作' },
];

const StoredSchema = z.record(z.string(), z.string());

export interface DemoCredential {
  username: string;
  role: Role;
  regions: string[];
  password: string;
}

export async function ensureDemoUsers(db: Db, dataDir: string): Promise<DemoCredential[]> {
  const file = path.join(dataDir, 'demo', 'users.json');
  const stored = fs.existsSync(file) ? StoredSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : {};
  const out: DemoCredential[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const [existing] = await db.run(getUserQuery, { username: account.username });
    let password = stored[account.username];
    if (!existing || !password) {
      if (existing) continue; // created elsewhere with a password we do not know: leave it alone
      password = `demo-${randomBytes(9).toString('base64url')}`;
      await addUser(db, { ...account, password }, 'demo');
      stored[account.username] = password;
    }
    out.push({ username: account.username, role: account.role, regions: account.regions, password });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  return out;
}
