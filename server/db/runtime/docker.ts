/**
 * The Testcontainers path: neo4j:5.26 in Docker, for machines with a Docker engine. Testcontainers is
 * loaded only when an engine answers, so machines without Docker never pay for it.
 */
import fs from 'node:fs';
import http from 'node:http';
import { newPassword } from './password.ts';

export const NEO4J_IMAGE = 'neo4j:5.26';

/** True if a Docker engine answers /_ping on DOCKER_HOST (unix or tcp) or the default socket. */
export async function dockerAvailable(timeoutMs = 1500): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  let target: http.RequestOptions;
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace('tcp://', 'http://'));
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else {
    const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
    if (!fs.existsSync(socketPath)) return false;
    target = { socketPath };
  }
  return new Promise((resolve) => {
    const req = http.get({ ...target, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export interface DockerNeo4j {
  uri: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts neo4j:5.26. With `reuse`, Testcontainers hands later CLI invocations the same container
 * (a short `quanlian migrate` must not lose its database on exit).
 */
export async function startDockerNeo4j(options: { reuse: boolean }): Promise<DockerNeo4j> {
  if (options.reuse) process.env.TESTCONTAINERS_REUSE_ENABLE = 'true';
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  // A reused container keeps the password it was created with, so reuse needs a stable one.
  const password = options.reuse ? 'quanlian-dev-only' : newPassword();
  let container = new Neo4jContainer(NEO4J_IMAGE).withPassword(password).withLabels({ 'quanlian.role': 'neo4j' });
  if (options.reuse) container = container.withReuse();
  const started = await container.start();
  return {
    uri: started.getBoltUri(),
    user: started.getUsername(),
    password: started.getPassword(),
    stop: async () => {
      await started.stop();
    },
  };
}
