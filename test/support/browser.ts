/**
 * Headless Chromium for e2e tests and `npm run bench:web`: Debian's Chromium (CI installs it with
 * apt-get) driven by playwright-core, with WebGL from SwiftShader so sigma renders on a machine
 * without a GPU or a display.
 *
 *   const browser = await launchChromium();
 *   try { const page = await browser.newPage(); console.log(await webglRenderer(page)); }
 *   finally { await browser.close(); }
 */
import { chromium } from 'playwright-core';
import { findChromium, sandboxed } from '../../server/browser.ts';
import type { Browser, LaunchOptions, Page } from 'playwright-core';

export { findChromium, sandboxed };

/**
 * Software WebGL without a GPU: ANGLE on SwiftShader (Vulkan-backed, the fastest software path in
 * current Chromium), allowed despite the GPU blocklist. Playwright itself adds --headless,
 * --enable-unsafe-swiftshader and, unless `chromiumSandbox` is set, --no-sandbox.
 */
export const WEBGL_ARGS: readonly string[] = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export interface LaunchChromiumOptions {
  /** Extra Chromium switches, after WEBGL_ARGS. */
  args?: readonly string[];
  /** Replace WEBGL_ARGS (to compare GL back ends). */
  glArgs?: readonly string[];
  /** Playwright launch options passed through (slowMo, timeout, env …). */
  launch?: Omit<LaunchOptions, 'executablePath' | 'headless' | 'args'>;
}

export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options.launch,
    executablePath: findChromium(),
    headless: true,
    chromiumSandbox: sandboxed(),
    args: [...(options.glArgs ?? WEBGL_ARGS), ...(options.args ?? [])],
  });
}

export interface WebglInfo {
  webgl2: boolean;
  vendor: string;
  renderer: string;
  version: string;
}

/**
 * Runs in the page. A string rather than a function: the root tsconfig has no DOM types, and tsx
 * would wrap named functions in a `__name` helper that does not exist in the page.
 */
const WEBGL_PROBE = `(() => {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return { webgl2: false, vendor: '', renderer: 'no WebGL', version: '' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const info = {
    webgl2: typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext,
    vendor: String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
    renderer: String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
    version: String(gl.getParameter(gl.VERSION)),
  };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return info;
})()`;

/** Whether WebGL2 works in the page, and the unmasked renderer (e.g. "ANGLE (Google, Vulkan … SwiftShader …)"). */
export async function webglInfo(page: Page): Promise<WebglInfo> {
  return page.evaluate<WebglInfo>(WEBGL_PROBE);
}

/** The unmasked WebGL renderer string; throws if the page has no WebGL2 (sigma 3 needs it). */
export async function webglRenderer(page: Page): Promise<string> {
  const info = await webglInfo(page);
  if (!info.webgl2) throw new Error(`quanlian/browser: no WebGL2 in the page (renderer: ${info.renderer})`);
  return info.renderer;
}
