/** The frame of every page: brand, role-aware navigation, language toggle, the user and sign-out. */
import type { ReactNode } from 'react';
import type { SessionUser } from '../core/api/endpoints.ts';
import { setLang, useT } from '../core/i18n/index.ts';
import { busyStore, dismiss, noticeStore } from '../core/panel.ts';
import { signOut } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { navigate, PAGES_OF, type Page } from '../app/route.ts';

export function Shell({ user, page, children }: { user: SessionUser; page: Page; children: ReactNode }) {
  const t = useT();
  const busy = useStore(busyStore, (b) => b);
  const notices = useStore(noticeStore, (n) => n);
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav>
          {PAGES_OF[user.role].map((p) => (
            <a key={p} href={`#/${p}`} className={p === page ? 'active' : ''} data-testid={`nav-${p}`}>
              {t(`nav.${p}`)}
            </a>
          ))}
        </nav>
        <span className="spacer" />
        <button className="link" data-testid="lang-toggle" onClick={() => setLang(t.lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </button>
        <span className="user" title={user.regions.map((c) => t.region(c)).join('、')}>
          {user.displayName || user.username} · {t.role(user.role)}
        </span>
        <button
          className="link"
          onClick={() => {
            void signOut().then(() => navigate('workbench'));
          }}
        >
          {t('user.signOut')}
        </button>
      </header>
      {busy && (
        <div className="busy" role="progressbar" aria-valuenow={busy.percent ?? undefined} aria-label={busy.label}>
          <div
            className={busy.percent === null ? 'bar indeterminate' : 'bar'}
            style={busy.percent === null ? {} : { width: `${busy.percent}%` }}
          />
        </div>
      )}
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
            <span>{n.text}</span>
            {n.action && (
              <button
                className="link"
                onClick={() => {
                  n.action?.run();
                  dismiss(n.id);
                }}
              >
                {n.action.label}
              </button>
            )}
            <button className="link" aria-label={t('common.close')} onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
