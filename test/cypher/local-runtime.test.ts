/**
 * The local runtime through the real CLI: a throwaway instance on a free port, started twice (the
 * second reports it is already running), queried, stopped, and reported stopped.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.ts';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin', 'quanlian.mjs');
const instance = `rt-${process.pid}`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const env = {
    ...process.env,
    NEO4J_URI: '',
    QUANLIAN_NEO4J_RUNTIME: 'local',
    QUANLIAN_NEO4J_HEAP: '512m',
    QUANLIAN_NEO4J_PAGECACHE: '128m',
  };
  const { stdout } = await run(process.execPath, [CLI, ...args, '--json'], {
    env,
    cwd: PROJECT_ROOT,
    timeout: 280_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

const home = path.join(PROJECT_ROOT, '.neo4j', 'instances', instance);
afterAll(async () => {
  await cli('neo4j', 'stop', '--instance', instance).catch(() => undefined);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('quanlian neo4j start|stop|status', () => {
  it('starts once, reports already running the second time, stops cleanly', { timeout: 300_000 }, async () => {
    const port = String(await freePort());
    const first = await cli('neo4j', 'start', '--instance', instance, '--port', port);
    expect(first).toMatchObject({ ok: true, alreadyRunning: false, state: 'running', uri: `bolt://127.0.0.1:${port}` });
    const second = await cli('neo4j', 'start', '--instance', instance, '--port', port);
    expect(second).toMatchObject({ ok: true, alreadyRunning: true, state: 'running', pid: first.pid });

    const passwordFile = path.join(home, 'password');
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    const conf = fs.readFileSync(path.join(home, 'conf', 'neo4j.conf'), 'utf8');
    expect(conf).toContain(`server.bolt.listen_address=127.0.0.1:${port}`);
    expect(conf).toContain('server.http.enabled=false');

    const stopped = await cli('neo4j', 'stop', '--instance', instance, '--port', port);
    expect(stopped).toMatchObject({ ok: true, wasRunning: true, state: 'stopped' });
    const status = await cli('neo4j', 'status', '--instance', instance, '--port', port);
    expect(status).toMatchObject({ ok: true, state: 'stopped', pid: null });
    // Gone, or at most a zombie awaiting its reaper: either way no longer running.
    const stat = fs.existsSync(`/proc/${first.pid}/stat`) ? fs.readFileSync(`/proc/${first.pid}/stat`, 'utf8') : '';
    expect(stat === '' || /^\d+ \(.*\) Z/.test(stat)).toBe(true);
  });

  it('explains what to install when Java is missing', { timeout: 60_000 }, async () => {
    const env = { ...process.env, PATH: '/nonexistent', JAVA_HOME: '', NEO4J_URI: '', QUANLIAN_NEO4J_RUNTIME: 'local' };
    const port = String(await freePort());
    const error = await run(
      process.execPath,
      [CLI, 'neo4j', 'start', '--instance', `nojava-${process.pid}`, '--port', port],
      { env, cwd: PROJECT_ROOT },
    ).then(
      () => null,
      (e: { stderr: string; code: number }) => e,
    );
    fs.rmSync(path.join(PROJECT_ROOT, '.neo4j', 'instances', `nojava-${process.pid}`), {
      recursive: true,
      force: true,
    });
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(/Java 17 or newer/);
    expect(error?.stderr).toMatch(/NEO4J_URI/);
    expect(error?.stderr).toMatch(/Docker/);
  });
});
