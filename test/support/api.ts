/** An API under test on the suite's Neo4j, with accounts per role and signed-in agents. */
import request from 'supertest';
import type { Express } from 'express';
import { AuditLog } from '../../server/audit/log.ts';
import type { Role } from '../../server/auth/roles.ts';
import { addUser } from '../../server/auth/users.ts';
import type { Config } from '../../server/config.ts';
import type { Db } from '../../server/db/db.ts';
import { createApp } from '../../server/http/app.ts';
import { JobBoard, type JobBoardOptions } from '../../server/jobs/board.ts';
import { createLogger } from '../../server/log.ts';
import { tag, TEST_SECRETS, testConfig, testDb } from './db.ts';

export const PASSWORD = 'correct horse battery staple';

export interface TestApi {
  app: Express;
  config: Config;
  db: Db;
  audit: AuditLog;
  close(): Promise<void>;
}

/**
 * `jobs`: let POST /api/runs start real detection workers (off by default: they change the current
 * run). `jobBoard`: timings of the app's job board (two apps on the suite's Neo4j stand for two API
 * processes behind a load balancer).
 */
export function testApi(
  overrides: NodeJS.ProcessEnv = {},
  options: { jobs?: boolean; jobBoard?: Partial<JobBoardOptions> } = {},
): TestApi {
  const config = testConfig({ QUANLIAN_LOGIN_RATE: '100000', ...overrides });
  const db = testDb(config);
  const audit = new AuditLog(db);
  const app = createApp({
    config,
    db,
    logger: createLogger({ LOG_LEVEL: 'silent' }),
    secrets: TEST_SECRETS,
    audit,
    jobs: new JobBoard(db, options.jobBoard),
    webDir: null,
    ...(options.jobs ? {} : { workerDb: null }),
  });
  return {
    app,
    config,
    db,
    audit,
    close: async () => {
      await audit.flush();
      await db.close();
    },
  };
}

export interface Account {
  username: string;
  role: Role;
  regions: string[];
}

export async function makeUser(db: Db, role: Role, regions: string[], prefix = 'u'): Promise<Account> {
  const username = `${prefix}${tag('').slice(0, 8)}${role.slice(0, 3)}`.toLowerCase();
  await addUser(db, { username, role, regions, password: PASSWORD }, 'test');
  return { username, role, regions };
}

/** A supertest agent holding the session cookie, and the CSRF token for writes. */
export async function signIn(
  app: Express,
  account: Account,
): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username: account.username, password: PASSWORD }).expect(200);
  return { agent, csrf: res.body.csrfToken as string };
}
