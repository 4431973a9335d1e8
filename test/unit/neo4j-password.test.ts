import { describe, expect, it } from 'vitest';
import { newPassword } from '../../server/db/runtime/password.ts';

describe('newPassword', () => {
  it('never starts with a dash, which neo4j-admin would read as an option', () => {
    const passwords = Array.from({ length: 5_000 }, newPassword);
    for (const p of passwords) expect(p).toMatch(/^[0-9a-f]{36}$/);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
