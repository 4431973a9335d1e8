/**
 * `quanlian user add|set|list`: accounts with a role and a region scope. Without --password-stdin a
 * strong password is generated and printed once (it is stored only as a scrypt hash). `set` changes
 * an account: role, regions, display name, disabled or enabled, a lock-out lifted, a new password.
 * The CLI acts as the local administrator (the way back when no admin can sign in); its actions are
 * audited as such.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { auditOutcome, AuditLog } from '../../audit/log.ts';
import { ROLES } from '../../auth/roles.ts';
import { addUser, describeChange, listUsers, NewUserSchema, updateUser, UserChangeSchema } from '../../auth/users.ts';
import { QuanlianError, ValidationError } from '../../errors.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { withDb } from '../context.ts';

interface AddOptions extends JsonOption {
  username: string;
  role: string;
  regions: string;
  displayName?: string;
  passwordStdin?: boolean;
}

interface SetOptions extends JsonOption {
  role?: string;
  regions?: string;
  displayName?: string;
  disable?: boolean;
  enable?: boolean;
  unlock?: boolean;
  resetPassword?: boolean;
  passwordStdin?: boolean;
}

/** 16 random bytes in base64url: 22 characters, 128 bits. */
export function generatePassword(): string {
  return randomBytes(16).toString('base64url');
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

export function register(program: Command): void {
  const user = program.command('user').description('manage accounts (role and region scope)');
  user
    .command('add')
    .description('create an account; prints a generated password unless --password-stdin')
    .requiredOption('--username <name>', 'login name: 3–32 of a-z 0-9 . _ -')
    .requiredOption('--role <role>', ROLES.join('|'))
    .requiredOption('--regions <codes>', 'comma-separated region codes, e.g. 360102,360111 (360000: all of Jiangxi)')
    .option('--display-name <name>', 'name shown in the app, e.g. 东湖区市场监管局 张三')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (options: AddOptions) => {
        const password = options.passwordStdin ? await readStdin() : generatePassword();
        const input = NewUserSchema.safeParse({
          username: options.username,
          role: options.role,
          regions: options.regions
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          displayName: options.displayName,
          password,
        });
        if (!input.success) {
          const issue = input.error.issues[0];
          throw new ValidationError(`user add: --${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`);
        }
        const created = await withDb(async (db) => {
          const made = await addUser(db, input.data, 'cli');
          const audit = new AuditLog(db);
          await audit.record({
            actor: 'cli',
            role: 'admin',
            action: 'user.add',
            outcome: 'ok',
            target: made.username,
            detail: { role: made.role, regions: made.regions },
          });
          return made;
        });
        const shown = options.passwordStdin ? null : password;
        if (options.json) return printJson({ ...created, password: shown });
        process.stdout.write(
          `created ${created.username} (${created.role}, regions ${created.regions.join(',')})` +
            (shown ? `\npassword: ${shown}\n(shown once; it is stored only as a hash)\n` : '\n'),
        );
      }),
    );
  user
    .command('set')
    .description('change an account; --reset-password prints a generated password, --password-stdin reads one')
    .argument('<username>', 'the account to change')
    .option('--role <role>', ROLES.join('|'))
    .option('--regions <codes>', 'comma-separated region codes, replacing the account’s')
    .option('--display-name <name>', 'name shown in the app')
    .option('--disable', 'no sign-in; its sessions end')
    .option('--enable', 'allow sign-in again')
    .option('--unlock', 'lift a lock-out after failed sign-ins')
    .option('--reset-password', 'set a generated password (printed once); its sessions end')
    .option('--password-stdin', 'read the new password from standard input; its sessions end')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (username: string, options: SetOptions) => {
        if (options.disable && options.enable) throw new ValidationError('user set: --disable or --enable, not both');
        if (options.resetPassword && options.passwordStdin)
          throw new ValidationError('user set: --reset-password or --password-stdin, not both');
        const password = options.passwordStdin
          ? await readStdin()
          : options.resetPassword
            ? generatePassword()
            : undefined;
        const input = UserChangeSchema.safeParse({
          role: options.role,
          regions: options.regions
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          displayName: options.displayName,
          disabled: options.disable ? true : options.enable ? false : undefined,
          unlock: options.unlock ? true : undefined,
          password,
        });
        if (!input.success) {
          const issue = input.error.issues[0];
          const field = issue?.path[0];
          const flag =
            { displayName: 'display-name', disabled: 'disable', password: 'password-stdin' }[String(field)] ?? field;
          throw new ValidationError(
            `user set: ${field ? `--${String(flag)}: ` : ''}${issue?.message ?? 'invalid'}` +
              (field ? '' : ' (--role, --regions, --display-name, --disable, --enable, --unlock, --reset-password)'),
          );
        }
        const { account, sessionsEnded } = await withDb(async (db) => {
          const audit = new AuditLog(db);
          const record = (outcome: 'ok' | ReturnType<typeof auditOutcome>, extra: Record<string, unknown> = {}) =>
            audit.record({
              actor: 'cli',
              role: 'admin',
              action: 'user.update',
              outcome,
              target: username,
              detail: { ...describeChange(input.data), ...extra },
            });
          try {
            const changed = await updateUser(db, username, input.data, 'cli');
            await record('ok');
            return changed;
          } catch (error) {
            // A refused change is audited too, as the API's are.
            await record(auditOutcome(error), error instanceof QuanlianError ? { error: error.type } : {});
            throw error;
          }
        });
        const shown = options.resetPassword ? password : null;
        if (options.json) return printJson({ ...account, sessionsEnded, password: shown });
        process.stdout.write(
          `changed ${account.username} (${account.role}, regions ${account.regions.join(',')}` +
            `${account.disabled ? ', disabled' : ''}); ${sessionsEnded} session(s) ended` +
            (shown ? `\npassword: ${shown}\n(shown once; it is stored only as a hash)\n` : '\n'),
        );
      }),
    );
  user
    .command('list')
    .description('list accounts')
    .option('--json', 'print JSON')
    .action(
      action(async (options: JsonOption) => {
        const rows = await withDb((db) => listUsers(db));
        if (options.json) return printJson({ users: rows });
        for (const r of rows)
          process.stdout.write(
            `${r.username.padEnd(20)} ${r.role.padEnd(13)} ${r.regions.join(',').padEnd(22)} ${r.disabled ? 'disabled ' : ''}${r.lockedUntil && Date.parse(r.lockedUntil) > Date.now() ? `locked until ${r.lockedUntil}` : ''}\n`,
          );
      }),
    );
}
