/**
 * The headless Chromium the server uses to print (chain briefs as PDF) and the tests use to drive the
 * app: Debian's Chromium (CI installs it with apt-get), or $CHROMIUM_PATH, driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ConfigError, PrinterBusyError } from './errors.ts';

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

/**
 * Runs tasks a few at a time and keeps a short queue; a task asked for when the queue is full is
 * refused at once (PrinterBusyError, 503), so requests cannot pile up Chromium processes (each
 * holds a few hundred MB) on a server that also answers every other request.
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.maxWaiting)
        throw new PrinterBusyError(
          `quanlian/browser: ${this.running + this.waiting.length} documents are being printed; ask again in a minute`,
        );
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiting task, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** One Chromium prints at a time (2 cores serve the API and Neo4j too), three more wait. */
const printer = new TaskQueue(1, 3);
/** Longest a print may take, launch included. */
const PRINT_TIMEOUT_MS = 60_000;

/** Renders an HTML document (self-contained: no network) to an A4 PDF. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  return printer.run(() => printPdf(html));
}

async function printPdf(html: string): Promise<Buffer> {
  const browser: Browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    chromiumSandbox: sandboxed(),
    timeout: PRINT_TIMEOUT_MS,
  });
  try {
    const page = await browser.newPage();
    // Nothing leaves the machine: a brief carries case data.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
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
