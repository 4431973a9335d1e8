/** Sign-in: username and password; errors in plain words (wrong login, which also names the lock-out rule; too many attempts). */
import { useState, type FormEvent } from 'react';
import { setLang, useT } from '../core/i18n/index.ts';
import { signIn } from '../core/session/store.ts';
import { ApiError } from '../core/api/client.ts';

export function Login({ expired }: { expired: boolean }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(expired ? t('error.unauthenticated') : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('error.wrongLogin') : t.error(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form onSubmit={submit} className="login-card" aria-labelledby="login-title">
        <h1>
          {t('app.name')} <small>{t('app.tagline')}</small>
        </h1>
        <h2 id="login-title">{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button type="button" className="link" onClick={() => setLang(t.lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
      </form>
    </main>
  );
}
