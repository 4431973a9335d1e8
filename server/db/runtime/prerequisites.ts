/**
 * What the local runtime needs from the machine: Java 17+ to run Neo4j and Maven to resolve it once.
 * When either is missing the error names what to install and the two ways to do without it.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RuntimeSetupError } from '../../errors.ts';

const run = promisify(execFile);

const ALTERNATIVES =
  'Alternatives: point Quanlian at an existing Neo4j 5.26 with NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, ' +
  'or start a Docker engine so it runs the neo4j:5.26 image through Testcontainers.';

/** The java executable (JAVA_HOME first), checked to be version 17 or newer. */
export async function requireJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let output: string;
  try {
    const { stdout, stderr } = await run(java, ['-version']);
    output = stderr + stdout;
  } catch {
    throw new RuntimeSetupError(
      `quanlian/neo4j: Java 17 or newer is needed to run the local Neo4j, and \`${java}\` was not found. ` +
        `Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17). ${ALTERNATIVES}`,
    );
  }
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) {
    throw new RuntimeSetupError(
      `quanlian/neo4j: Neo4j 5.26 needs Java 17 or newer; \`${java}\` is Java ${major || 'of unknown version'}. ` +
        `Install Java 17+ or set JAVA_HOME to one. ${ALTERNATIVES}`,
    );
  }
  return java;
}

async function requireMaven(): Promise<string> {
  try {
    await run('mvn', ['-v']);
    return 'mvn';
  } catch {
    throw new RuntimeSetupError(
      'quanlian/neo4j: Maven is needed once, to download Neo4j 5.26 from Maven Central into .neo4j/lib, and `mvn` was not found. ' +
        `Install it (Debian/Ubuntu: apt-get install maven; macOS: brew install maven). ${ALTERNATIVES}`,
    );
  }
}

/** Resolves neo4j/pom.xml's dependencies into `lib` unless a previous run already did for this pom. */
export async function ensureLib(lib: string, pomFile: string, log: (line: string) => void): Promise<void> {
  const pomHash = createHash('sha256').update(fs.readFileSync(pomFile)).digest('hex');
  const marker = path.join(lib, '.resolved');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === pomHash) return;

  const mvn = await requireMaven();
  const staging = `${lib}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  log('resolving Neo4j 5.26 from Maven Central (once; about 120 MB) …');
  const args = [
    '-B',
    '-q',
    '-f',
    pomFile,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
    '-DincludeScope=runtime',
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(text))));
  }).catch((error: Error) => {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new RuntimeSetupError(
      `quanlian/neo4j: Maven could not resolve ${pomFile}:\n${error.message.split('\n').slice(-25).join('\n')}`,
    );
  });
  if (!fs.readdirSync(staging).some((f) => /^neo4j-\d/.test(f))) {
    throw new RuntimeSetupError(`quanlian/neo4j: Maven finished but ${staging} holds no neo4j jar`);
  }
  fs.writeFileSync(path.join(staging, '.resolved'), pomHash + '\n');
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(staging, lib);
}
