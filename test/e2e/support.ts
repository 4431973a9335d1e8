/**
 * The browser tests' harness: the real app (createApp) on the e2e instance's Neo4j and demo data
 * (setup.ts), listening on a free port, a headless Chromium, sign-in as a demo account, screenshots
 * into test-results/e2e/, and polling helpers (vitest's expect has no Playwright matchers).
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DemoCredential } from '../../server/auth/demo-users.ts';
import { loadConfig } from '../../server/config.ts';
import { Db } from '../../server/db/db.ts';
import { dbOptions } from '../../server/db/runtime/resolve.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/log.ts';
import { loadSecrets } from '../../server/secrets.ts';
import { launchChromium } from '../support/browser.ts';
import { E2E_ENV } from './setup.ts';

export const SHOTS = path.resolve(import.meta.dirname, '../../test-results/e2e');
export const WAIT = { timeout: 30_000, interval: 200 };
export const e2eConfig = () => loadConfig({ ...process.env, ...E2E_ENV, NEO4J_URI: undefined, LOG_LEVEL: 'silent' });

export function account(role: string): DemoCredential {
  const accounts = JSON.parse(process.env.QUANLIAN_E2E_ACCOUNTS ?? '[]') as DemoCredential[];
  const found = accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no demo account for ${role}`);
  return found;
}

export interface E2eApp {
  base: string;
  db: Db;
  browser: Browser;
  close(): Promise<void>;
}

export async function startE2eApp(): Promise<E2eApp> {
  const config = e2eConfig();
  const db = new Db(
    dbOptions(config, {
      uri: process.env.QUANLIAN_E2E_NEO4J_URI ?? '',
      user: process.env.QUANLIAN_E2E_NEO4J_USER ?? 'neo4j',
      password: process.env.QUANLIAN_E2E_NEO4J_PASSWORD ?? '',
    }),
  );
  const app = createApp({
    config,
    db,
    logger: createLogger(config),
    secrets: loadSecrets(config),
    workerDb: null,
    webDir: path.join(config.paths.root, E2E_ENV.WEB_DIR),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    base,
    db,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

export async function signIn(page: Page, base: string, role: string): Promise<void> {
  const { username, password } = account(role);
  await page.goto(`${base}/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=lang-toggle]');
}

export const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
