/** The app: restores the session, then shows sign-in or the page the route names, within what the role may open. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../core/i18n/index.ts';
import { restoreSession, sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { AdminPage } from '../views/AdminPage.tsx';
import { ChainsPage } from '../views/ChainsPage.tsx';
import { ImportsPage } from '../views/ImportsPage.tsx';
import { InvestigationsPage } from '../views/InvestigationsPage.tsx';
import { Login } from '../views/Login.tsx';
import { PacketsPage } from '../views/PacketsPage.tsx';
import { Shell } from '../views/Shell.tsx';
import { Workbench } from '../views/Workbench.tsx';
import { HOME, navigate, PAGES_OF, useRoute } from './route.ts';

// The dashboard's charts (ECharts) load with the dashboard, not with the workbench.
const HotspotsPage = lazy(() => import('../views/HotspotsPage.tsx').then((m) => ({ default: m.HotspotsPage })));

export function App() {
  const t = useT();
  const session = useStore(sessionStore, (s) => s);
  const route = useRoute();
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    restoreSession().catch(setStartError);
  }, []);

  const allowed = session.status === 'signed-in' ? PAGES_OF[session.user.role].includes(route.page) : true;
  useEffect(() => {
    if (session.status === 'signed-in' && !allowed) navigate(HOME[session.user.role]);
  }, [session, allowed]);

  if (startError) return <main className="page error">{t.error(startError)}</main>;
  if (session.status === 'loading') return <main className="page muted">{t('common.loading')}</main>;
  if (session.status === 'anonymous') return <Login expired={session.notice === 'expired'} />;
  if (!allowed) return null;

  return (
    <Shell user={session.user} page={route.page}>
      {/* The workbench stays mounted across pages, so the canvas survives a look at the chain list. */}
      <div style={{ display: route.page === 'workbench' ? 'contents' : 'none' }}>
        {PAGES_OF[session.user.role].includes('workbench') && <Workbench route={route} />}
      </div>
      {route.page === 'chains' && <ChainsPage />}
      {route.page === 'hotspots' && (
        <Suspense fallback={<main className="page muted">{t('common.loading')}</main>}>
          <HotspotsPage />
        </Suspense>
      )}
      {route.page === 'investigations' && <InvestigationsPage />}
      {route.page === 'packets' && <PacketsPage />}
      {route.page === 'imports' && <ImportsPage />}
      {route.page === 'admin' && <AdminPage />}
    </Shell>
  );
}
