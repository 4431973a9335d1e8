/**
 * The headless Chromium the server uses to print (chain briefs as PDF) and the tests use to drive the
 * app: Debian's Chromium (CI installs it with apt-get), or $CHROMIUM_PATH, driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ConfigError } from './errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable: $CHROMIUM_PATH, else the first of the usual Debian/Ubuntu paths that exists. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ConfigError(`quanlian/browser: CHROMIUM_PATH=${fromEnv} does not exist`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new ConfigError(
    `quanlian/browser: no Chromium found (CHROMIUM_PATH unset; tried ${CANDIDATES.join(', ')}); ` +
      'install it with `apt-get install chromium` or set CHROMIUM_PATH',
  );
}

/**
 * Chromium will not start as root with its sandbox on, so as root it runs with --no-sandbox (which
 * Playwright adds when `chromiumSandbox` is false). As any other user the sandbox stays on, unless
 * CHROMIUM_NO_SANDBOX=1 (containers that forbid unprivileged user namespaces).
 */
export function sandboxed(): boolean {
  return process.getuid?.() !== 0 && process.env.CHROMIUM_NO_SANDBOX !== '1';
}

/** Renders an HTML document (self-contained: no network) to an A4 PDF. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    chromiumSandbox: sandboxed(),
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: a brief carries case data.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
