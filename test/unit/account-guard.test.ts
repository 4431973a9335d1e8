import { describe, expect, it } from 'vitest';
import { adminGuardProblem, describeChange, removesAdmin, UserChangeSchema } from '../../server/auth/users.ts';

describe('taking an administrator away', () => {
  const admin = { role: 'admin', disabled: false };
  it('is disabling an enabled admin or giving them another role; nothing else', () => {
    expect(removesAdmin(admin, { disabled: true })).toBe(true);
    expect(removesAdmin(admin, { role: 'analyst' })).toBe(true);
    expect(removesAdmin(admin, { role: 'admin', regions: ['360100'] })).toBe(false);
    expect(removesAdmin(admin, { disabled: false, unlock: true, password: 'x' })).toBe(false);
    expect(removesAdmin({ role: 'admin', disabled: true }, { role: 'leader' })).toBe(false);
    expect(removesAdmin({ role: 'analyst', disabled: false }, { disabled: true })).toBe(false);
  });

  it('is refused for the acting admin and for the last enabled one', () => {
    expect(adminGuardProblem('wang', 'wang', 3)).toMatch(/own account/);
    expect(adminGuardProblem('wang', 'li', 1)).toMatch(/last enabled administrator/);
    expect(adminGuardProblem('wang', 'cli', 1)).toMatch(/last enabled administrator/);
    expect(adminGuardProblem('wang', 'li', 2)).toBeNull();
  });
});

describe('an account change', () => {
  it('names at least one field, and only known ones', () => {
    expect(UserChangeSchema.safeParse({}).success).toBe(false);
    expect(UserChangeSchema.safeParse({ disabled: undefined }).success).toBe(false);
    expect(UserChangeSchema.safeParse({ passwordHash: 'x' }).success).toBe(false);
    expect(UserChangeSchema.safeParse({ unlock: false }).success).toBe(false);
    expect(UserChangeSchema.safeParse({ regions: ['360102'] }).success).toBe(true);
  });

  it('is audited without the password', () => {
    const detail = describeChange({ password: 'correct horse battery staple', disabled: false });
    expect(detail).toEqual({ disabled: false, password: 'changed' });
  });
});
