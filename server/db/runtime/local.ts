/**
 * The local Neo4j runtime: the real Neo4j 5.26 Community server, resolved from Maven Central by
 * neo4j/pom.xml into <neo4j dir>/lib (once; a marker with the pom's hash makes later starts download
 * nothing) and run as `java org.neo4j.server.CommunityEntryPoint` with a generated neo4j.conf.
 * Each named instance (dev, test, …) has its own conf, data, logs, password and Bolt port under
 * <neo4j dir>/instances/<name>. Used when neither NEO4J_URI nor a Docker engine is available.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeSetupError } from '../../errors.ts';
import { Db } from '../db.ts';
import { renderConf, jvmArgs } from './conf.ts';
import { newPassword } from './password.ts';
import { ensureLib, requireJava } from './prerequisites.ts';
import { processAlive, tail, tcpAnswers } from './process.ts';

export interface LocalRuntimeOptions {
  neo4jDir: string;
  instance: string;
  boltPort: number;
  httpPort?: number | undefined;
  heap: string;
  pagecache: string;
  startTimeoutS: number;
  pomFile: string;
}

export interface LocalStatus {
  state: 'running' | 'starting' | 'stopped';
  instance: string;
  uri: string;
  pid: number | null;
  home: string;
}

interface State {
  pid: number;
  boltPort: number;
  startedAt: string;
}

export class LocalNeo4j {
  readonly home: string;
  private readonly files;

  constructor(private readonly options: LocalRuntimeOptions) {
    this.home = path.join(options.neo4jDir, 'instances', options.instance);
    this.files = {
      lib: path.join(options.neo4jDir, 'lib'),
      conf: path.join(this.home, 'conf'),
      data: path.join(this.home, 'data'),
      logs: path.join(this.home, 'logs'),
      password: path.join(this.home, 'password'),
      state: path.join(this.home, 'state.json'),
      console: path.join(this.home, 'logs', 'console.log'),
    };
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.options.boltPort}`;
  }

  /** The generated password; null before the first start. */
  password(): string | null {
    return fs.existsSync(this.files.password) ? fs.readFileSync(this.files.password, 'utf8').trim() : null;
  }

  async status(): Promise<LocalStatus> {
    const state = this.readState();
    const base = { instance: this.options.instance, uri: this.uri, home: this.home };
    if (!state || !processAlive(state.pid, this.home)) return { ...base, state: 'stopped', pid: null };
    const answering = await tcpAnswers('127.0.0.1', state.boltPort);
    return {
      ...base,
      uri: `bolt://127.0.0.1:${state.boltPort}`,
      state: answering ? 'running' : 'starting',
      pid: state.pid,
    };
  }

  /** Starts the server and returns once Bolt accepts the password; idempotent. */
  async start(log: (line: string) => void = () => {}): Promise<{ alreadyRunning: boolean; status: LocalStatus }> {
    const current = await this.status();
    if (current.state === 'running') return { alreadyRunning: true, status: current };
    if (current.state === 'starting') {
      await this.waitForBolt(current.pid ?? 0);
      return { alreadyRunning: true, status: await this.status() };
    }
    if (await tcpAnswers('127.0.0.1', this.options.boltPort)) {
      throw new RuntimeSetupError(
        `quanlian/neo4j: port ${this.options.boltPort} is already in use by another process; set QUANLIAN_NEO4J_BOLT_PORT to a free port`,
      );
    }
    const java = await requireJava();
    await ensureLib(this.files.lib, this.options.pomFile, log);
    for (const dir of [this.files.conf, this.files.data, this.files.logs, path.join(this.home, 'run')]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    fs.writeFileSync(path.join(this.files.conf, 'neo4j.conf'), renderConf({ ...this.options, home: this.home }));
    await this.ensurePassword(java);

    log(`starting Neo4j (${this.options.instance}) on ${this.uri} …`);
    const out = fs.openSync(this.files.console, 'a');
    const child = spawn(
      java,
      [
        ...jvmArgs(this.options),
        '-cp',
        `${this.files.lib}/*`,
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${this.home}`,
        `--config-dir=${this.files.conf}`,
      ],
      {
        cwd: this.home,
        detached: true,
        stdio: ['ignore', out, out],
        env: { ...process.env, NEO4J_HOME: this.home, NEO4J_CONF: this.files.conf },
      },
    );
    fs.closeSync(out);
    if (child.pid === undefined) throw new RuntimeSetupError(`quanlian/neo4j: could not start ${java}`);
    child.unref();
    this.writeState({ pid: child.pid, boltPort: this.options.boltPort, startedAt: new Date().toISOString() });
    await this.waitForBolt(child.pid);
    return { alreadyRunning: false, status: await this.status() };
  }

  /** SIGTERM, then wait for a clean shutdown (SIGKILL only if it overruns). */
  async stop(timeoutS = 90): Promise<{ wasRunning: boolean }> {
    const state = this.readState();
    if (!state || !processAlive(state.pid, this.home)) {
      fs.rmSync(this.files.state, { force: true });
      return { wasRunning: false };
    }
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + timeoutS * 1000;
    while (processAlive(state.pid, this.home) && Date.now() < deadline) await sleep(200);
    if (processAlive(state.pid, this.home)) process.kill(state.pid, 'SIGKILL');
    fs.rmSync(this.files.state, { force: true });
    return { wasRunning: true };
  }

  private async waitForBolt(pid: number): Promise<void> {
    const password = this.password() ?? '';
    const deadline = Date.now() + this.options.startTimeoutS * 1000;
    while (Date.now() < deadline) {
      if (!processAlive(pid, this.home)) {
        fs.rmSync(this.files.state, { force: true });
        throw new RuntimeSetupError(
          `quanlian/neo4j: Neo4j exited during start-up. Last lines of its logs:\n${this.logTail()}`,
        );
      }
      if (await tcpAnswers('127.0.0.1', this.options.boltPort)) {
        const db = new Db({
          uri: this.uri,
          user: 'neo4j',
          password,
          database: 'neo4j',
          txTimeoutMs: 10_000,
          maxConnectionPoolSize: 1,
        });
        try {
          await db.verifyConnectivity();
          return;
        } catch {
          // Bolt is up but the database is still starting; try again.
        } finally {
          await db.close();
        }
      }
      await sleep(500);
    }
    throw new RuntimeSetupError(
      `quanlian/neo4j: Bolt did not answer on ${this.uri} within ${this.options.startTimeoutS}s ` +
        `(QUANLIAN_NEO4J_START_TIMEOUT_S). Neo4j is left running as pid ${pid}; stop it with \`quanlian neo4j stop\`. ` +
        `Last lines of its logs:\n${this.logTail()}`,
    );
  }

  private async ensurePassword(java: string): Promise<void> {
    if (this.password()) return;
    if (
      fs.existsSync(path.join(this.files.data, 'dbms', 'auth.ini')) ||
      fs.existsSync(path.join(this.files.data, 'databases', 'system'))
    ) {
      throw new RuntimeSetupError(
        `quanlian/neo4j: ${this.files.password} is missing but ${this.files.data} was already initialised with another password; ` +
          `restore the password file, or delete ${this.home} to start with an empty database`,
      );
    }
    const password = newPassword();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        java,
        ['-cp', `${this.files.lib}/*`, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
        {
          env: { ...process.env, NEO4J_HOME: this.home, NEO4J_CONF: this.files.conf },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolve()
          : reject(
              new RuntimeSetupError(`quanlian/neo4j: set-initial-password failed (exit ${code}): ${output.trim()}`),
            ),
      );
    });
    fs.writeFileSync(this.files.password, password + '\n', { mode: 0o600 });
  }

  private readState(): State | null {
    try {
      return JSON.parse(fs.readFileSync(this.files.state, 'utf8')) as State;
    } catch {
      return null;
    }
  }

  private writeState(state: State): void {
    fs.writeFileSync(this.files.state, JSON.stringify(state) + '\n');
  }

  private logTail(): string {
    return [tail(path.join(this.files.logs, 'neo4j.log'), 20), tail(this.files.console, 20)].filter(Boolean).join('\n');
  }
}
