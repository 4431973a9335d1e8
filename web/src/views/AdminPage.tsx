/**
 * Administration: the accounts (who may sign in, with what role and region scope; a new one added
 * here as with `quanlian user add`) and the audit log (every sensitive read and every change,
 * newest first, filtered by actor, action, outcome and time; paged by sequence number), with a
 * check of its hash chain. Admins only: the server refuses these routes to any other role.
 */
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../server/auth/roles.ts';
import { REGIONS } from '../../../server/domain/regions.ts';
import {
  addAccount,
  listAccounts,
  listAudit,
  updateAccount,
  verifyAudit,
  type AccountChange,
  type AccountRow,
  type AuditEvent,
  type AuditQuery,
  type ChainCheck,
} from '../core/api/admin.ts';
import { useT, type T } from '../core/i18n/index.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { useLoad } from '../app/useLoad.ts';
import { LoadedList } from './LoadedList.tsx';

const OUTCOMES = ['ok', 'denied', 'not-found', 'invalid', 'error'] as const;
/** The actions the server audits (the `audit.action` of its routes, sign-in, the CLI's account changes). */
const ACTIONS = [
  'login',
  'search',
  'entity.read',
  'entity.expand',
  'path',
  'trace',
  'unmask',
  'community.read',
  'brief.read',
  'hotspots.read',
  'investigation.create',
  'investigation.read',
  'investigation.update',
  'investigation.delete',
  'packet.export',
  'packet.import',
  'packet.read',
  'ingest.upload',
  'rejects.download',
  'source.read',
  'detect.start',
  'detect.cancel',
  'user.add',
  'user.update',
  'audit.read',
  'audit.verify',
] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (code: string): code is Action => (ACTIONS as readonly string[]).includes(code);
type Outcome = (typeof OUTCOMES)[number];
const PAGE = 100;

export function AdminPage() {
  const t = useT();
  // Account changes are audited: the log below reloads after each.
  const [changes, setChanges] = useState(0);
  return (
    <main className="page admin" data-testid="admin-page">
      <h2>{t('admin.title')}</h2>
      <Accounts t={t} onChanged={() => setChanges((n) => n + 1)} />
      <AuditLog t={t} changes={changes} />
    </main>
  );
}

/** A stored time (ISO, UTC) in the reader's local time, to the second. */
function time(iso: string | null): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}`;
}

const lockedNow = (until: string | null) => until !== null && new Date(until).getTime() > Date.now();

function Accounts({ t, onChanged }: { t: T; onChanged: () => void }) {
  const accounts = useLoad(listAccounts, []);
  const me = useStore(sessionStore, (st) => (st.status === 'signed-in' ? st.user.username : null));
  // null: no form; 'new': adding one; an account: editing it.
  const [form, setForm] = useState<'new' | AccountRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  /** After a change: what it did (and how many sessions it ended); the list and the log reload. */
  const report = (message: string, sessionsEnded = 0) => {
    setDone(sessionsEnded > 0 ? message + t('admin.sessionsEnded', { n: sessionsEnded }) : message);
    accounts.reload();
    onChanged();
  };

  const apply = async (account: AccountRow, change: AccountChange, message: string) => {
    setError(null);
    setDone(null);
    try {
      report(message, (await updateAccount(account.username, change)).sessionsEnded);
    } catch (err) {
      setError(t.error(err));
    }
  };

  return (
    <section>
      <h3>
        {t('admin.accounts')}{' '}
        <button
          className="link"
          data-testid="account-add-open"
          onClick={() => setForm((f) => (f === 'new' ? null : 'new'))}
        >
          {form === 'new' ? t('common.cancel') : t('admin.addAccount')}
        </button>
      </h3>
      {form !== null && (
        <AccountForm
          key={form === 'new' ? 'new' : form.username}
          t={t}
          existing={form === 'new' ? null : form}
          me={me}
          onCancel={() => setForm(null)}
          onSaved={(message, sessionsEnded) => {
            setForm(null);
            report(message, sessionsEnded);
          }}
        />
      )}
      {error && (
        <p className="error" role="alert" data-testid="account-action-error">
          {error}
        </p>
      )}
      {done && (
        <p className="ok" role="status" data-testid="account-done">
          {done}
        </p>
      )}
      <LoadedList
        load={accounts}
        empty={t('admin.noAccounts')}
        head={
          <tr>
            <th>{t('login.username')}</th>
            <th>{t('admin.displayName')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.regions')}</th>
            <th>{t('admin.lastLogin')}</th>
            <th>{t('admin.state')}</th>
            <th />
          </tr>
        }
        row={(a) => (
          <tr key={a.username} data-testid="account-row" data-username={a.username}>
            <td>{a.username}</td>
            <td>{a.displayName}</td>
            <td>{t.role(a.role)}</td>
            <td>{a.regions.map((c) => t.region(c)).join('、')}</td>
            <td className="muted">{time(a.lastLoginAt)}</td>
            <td className={a.disabled || lockedNow(a.lockedUntil) ? 'error' : ''}>
              {a.disabled
                ? t('admin.disabled')
                : lockedNow(a.lockedUntil)
                  ? t('admin.lockedUntil', { at: time(a.lockedUntil) })
                  : t('admin.active')}
            </td>
            <td className="actions">
              <button className="link" data-testid="account-edit" onClick={() => setForm(a)}>
                {t('admin.edit')}
              </button>
              {a.username !== me &&
                (a.disabled ? (
                  <button
                    className="link"
                    data-testid="account-enable"
                    onClick={() => void apply(a, { disabled: false }, t('admin.enabled', { name: a.username }))}
                  >
                    {t('admin.enable')}
                  </button>
                ) : (
                  <button
                    className="link"
                    data-testid="account-disable"
                    onClick={() => void apply(a, { disabled: true }, t('admin.disabledDone', { name: a.username }))}
                  >
                    {t('admin.disable')}
                  </button>
                ))}
              {lockedNow(a.lockedUntil) && (
                <button
                  className="link"
                  data-testid="account-unlock"
                  onClick={() => void apply(a, { unlock: true }, t('admin.unlocked', { name: a.username }))}
                >
                  {t('admin.unlock')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/** Adds an account, or (with `existing`) changes one: only the fields changed are sent. */
function AccountForm({
  t,
  existing,
  me,
  onCancel,
  onSaved,
}: {
  t: T;
  existing: AccountRow | null;
  /** The signed-in admin's username: their own role is not theirs to take away. */
  me: string | null;
  onCancel: () => void;
  onSaved: (message: string, sessionsEnded?: number) => void;
}) {
  const [username, setUsername] = useState(existing?.username ?? '');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'analyst');
  const [regions, setRegions] = useState<string[]>(existing?.regions ?? []);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const name = username.trim();
    // The server decides (and says why in English); these are its rules, said first in the page's language.
    if (regions.length === 0) return setError(t('admin.regionsRequired'));
    if (existing && existing.username === me && existing.role === 'admin' && role !== 'admin')
      return setError(t('admin.selfDemote'));
    if (!existing || password) {
      if ([...password].length < 12) return setError(t('admin.passwordShort'));
      if (name && password.toLowerCase().includes(name.toLowerCase())) return setError(t('admin.passwordHasUsername'));
    }
    setBusy(true);
    try {
      if (existing) {
        const change: AccountChange = {
          ...(displayName.trim() && displayName.trim() !== existing.displayName
            ? { displayName: displayName.trim() }
            : {}),
          ...(role !== existing.role ? { role } : {}),
          ...([...regions].sort().join() !== [...existing.regions].sort().join() ? { regions } : {}),
          ...(password ? { password } : {}),
        };
        if (Object.keys(change).length === 0) return onCancel();
        const changed = await updateAccount(existing.username, change);
        onSaved(t('admin.saved', { name: existing.username }), changed.sessionsEnded);
      } else {
        await addAccount({
          username: name,
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          role,
          regions,
          password,
        });
        onSaved(t('admin.created', { name }));
      }
    } catch (err) {
      setError(t.error(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="account-form">
      <label>
        {t('login.username')}
        <input
          name="new-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          pattern="[a-z][a-z0-9._\-]{2,31}"
          title={t('admin.usernameRule')}
          autoComplete="off"
          readOnly={existing !== null}
          required
        />
      </label>
      <label>
        {t('admin.displayName')}
        <input
          name="display-name"
          value={displayName}
          maxLength={64}
          required={existing !== null}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label>
        {t('admin.role')}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t.role(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.regions')}
        <select
          name="regions"
          multiple
          size={8}
          value={regions}
          onChange={(e) => setRegions([...e.target.selectedOptions].map((o) => o.value))}
        >
          {REGIONS.filter((r) => !r.retired || existing?.regions.includes(r.code)).map((r) => (
            <option key={r.code} value={r.code}>
              {r.level === 'district' ? '\u3000' : ''}
              {t.region(r.code)} {r.code}
            </option>
          ))}
        </select>
        <small className="muted">{t('admin.regionsHint')}</small>
      </label>
      <label>
        {existing ? t('admin.newPassword') : t('login.password')}
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required={existing === null}
        />
        <small className="muted">{existing ? t('admin.newPasswordHint') : t('admin.passwordHint')}</small>
      </label>
      {error && (
        <p className="error" role="alert" data-testid="account-error">
          {error}
        </p>
      )}
      <span>
        <button type="submit" disabled={busy} data-testid="account-submit">
          {existing ? t('common.save') : t('admin.create')}
        </button>{' '}
        {existing && (
          <button type="button" className="link" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </span>
    </form>
  );
}

interface Filters {
  target: string;
  actor: string;
  action: string;
  outcome: Outcome | '';
  since: string;
  until: string;
}
const NO_FILTERS: Filters = { target: '', actor: '', action: '', outcome: '', since: '', until: '' };

/**
 * A `datetime-local` value (the browser's local time, to the minute) as the API's ISO time, or
 * undefined. `end`: the API's `until` is exclusive, so the chosen minute is taken whole.
 */
function isoOf(local: string, end = false): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  if (Number.isNaN(at.getTime())) return undefined;
  return new Date(at.getTime() + (end && /T\d\d:\d\d$/.test(local) ? 60_000 : 0)).toISOString();
}

function queryOf(filters: Filters, before?: number): AuditQuery {
  return {
    limit: PAGE,
    ...(filters.target.trim() ? { target: filters.target.trim() } : {}),
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(isoOf(filters.since) ? { since: isoOf(filters.since) } : {}),
    ...(isoOf(filters.until, true) ? { until: isoOf(filters.until, true) } : {}),
    ...(before !== undefined ? { before } : {}),
  };
}

function AuditLog({ t, changes }: { t: T; changes: number }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const first = useLoad(() => listAudit(queryOf(filters)), [filters, changes]);
  // Later pages, appended by "load more" until the filters change or an account change reloads the log.
  const [more, setMore] = useState<{ for: Filters; changes: number; items: AuditEvent[]; next: number | null } | null>(
    null,
  );
  const [moreError, setMoreError] = useState<unknown>(null);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);

  const extra = more?.for === filters && more.changes === changes ? more : null;
  const items = first.data ? [...first.data.items, ...(extra?.items ?? [])] : null;
  const next = extra ? extra.next : (first.data?.nextBefore ?? null);

  const loadMore = async () => {
    if (next === null) return;
    setMoreError(null);
    try {
      const page = await listAudit(queryOf(filters, next));
      setMore({ for: filters, changes, items: [...(extra?.items ?? []), ...page.items], next: page.nextBefore });
    } catch (err) {
      setMoreError(err);
    }
  };

  const verify = async () => {
    setChecking(true);
    setCheck(null);
    setCheckError(null);
    try {
      setCheck(await verifyAudit());
    } catch (err) {
      setCheckError(err);
    } finally {
      setChecking(false);
    }
  };

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <section>
      <h3>
        {t('admin.audit')}{' '}
        <button className="link" data-testid="audit-verify" disabled={checking} onClick={() => void verify()}>
          {checking ? t('admin.verifying') : t('admin.verify')}
        </button>
      </h3>
      {check && (
        <p className={check.ok ? 'ok' : 'error'} role="status" data-testid="audit-check">
          {check.ok
            ? t('admin.chainOk', { n: check.events })
            : t('admin.chainBroken', {
                seq: check.problem?.seq ?? '?',
                kind: t(`admin.problem.${check.problem?.kind ?? 'hash'}`),
                detail: check.problem?.detail ?? '',
              })}
        </p>
      )}
      {checkError != null && <p className="error">{t.error(checkError)}</p>}
      <form
        className="inline admin-filters"
        data-testid="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <label>
          {t('admin.target')}
          <input
            name="target"
            value={draft.target}
            maxLength={300}
            placeholder={t('admin.targetHint')}
            onChange={(e) => set('target', e.target.value)}
          />
        </label>
        <label>
          {t('admin.actor')}
          <input name="actor" value={draft.actor} maxLength={64} onChange={(e) => set('actor', e.target.value)} />
        </label>
        <label>
          {t('admin.action')}
          <input
            name="action"
            value={draft.action}
            maxLength={64}
            placeholder="entity.read"
            list="audit-actions"
            onChange={(e) => set('action', e.target.value)}
          />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`admin.act.${a}`)}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          {t('admin.outcome')}
          <select name="outcome" value={draft.outcome} onChange={(e) => set('outcome', e.target.value as Outcome | '')}>
            <option value="">{t('admin.anyOutcome')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`admin.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {(['since', 'until'] as const).map((end) => (
          <label key={end}>
            {t(`admin.${end}`)}
            <input name={end} type="datetime-local" value={draft[end]} onChange={(e) => set(end, e.target.value)} />
          </label>
        ))}
        <button type="submit" data-testid="audit-apply">
          {t('admin.apply')}
        </button>
        <button
          type="button"
          className="link"
          data-testid="audit-reset"
          onClick={() => {
            setDraft(NO_FILTERS);
            setFilters(NO_FILTERS);
          }}
        >
          {t('admin.clear')}
        </button>
      </form>
      <LoadedList
        load={{ ...first, data: items ? { items } : null }}
        empty={t('admin.noEvents')}
        head={
          <tr>
            <th>#</th>
            <th>{t('admin.at')}</th>
            <th>{t('admin.actor')}</th>
            <th>{t('admin.action')}</th>
            <th>{t('admin.outcome')}</th>
            <th>{t('admin.target')}</th>
            <th>{t('admin.reason')}</th>
            <th>{t('admin.ip')}</th>
          </tr>
        }
        row={(e) => (
          <tr key={e.id} data-testid="audit-row" title={JSON.stringify(e.detail)}>
            <td className="muted">{e.seq}</td>
            <td>{time(e.at)}</td>
            <td>
              {e.actor}{' '}
              <span className="muted">{ROLES.includes(e.role as Role) ? t.role(e.role as Role) : e.role}</span>
            </td>
            <td>
              {isAction(e.action) ? `${t(`admin.act.${e.action}`)} ` : ''}
              <code className="muted">{e.action}</code>
            </td>
            <td className={e.outcome === 'ok' ? '' : 'error'}>
              {OUTCOMES.includes(e.outcome as Outcome) ? t(`admin.outcome.${e.outcome as Outcome}`) : e.outcome}
            </td>
            <td className="wrap">
              {e.target ? (
                <button
                  className="link"
                  title={t('admin.byTarget')}
                  onClick={() => {
                    const only = { ...NO_FILTERS, target: e.target ?? '' };
                    setDraft(only);
                    setFilters(only);
                  }}
                >
                  {e.target}
                </button>
              ) : (
                ''
              )}
            </td>
            <td className="wrap">{e.reason ?? ''}</td>
            <td className="muted">{e.ip ?? ''}</td>
          </tr>
        )}
      />
      {moreError != null && <p className="error">{t.error(moreError)}</p>}
      {items && next !== null && !first.loading && (
        <button data-testid="audit-more" onClick={() => void loadMore()}>
          {t('admin.more')}
        </button>
      )}
    </section>
  );
}
