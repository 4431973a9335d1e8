/**
 * Initial passwords for the Neo4j instances Quanlian creates: the local runtime and a Testcontainers
 * container. Both reach `neo4j-admin dbms set-initial-password` as a command-line argument (the
 * image's entrypoint passes NEO4J_AUTH's password that way), so a password is hex: base64url
 * started with '-' once in 64, and neo4j-admin then read it as an option and refused to set it.
 */
import { randomBytes } from 'node:crypto';

export function newPassword(): string {
  return randomBytes(18).toString('hex');
}
