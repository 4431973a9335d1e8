/** Partners land here: case packets shared with them by a joint meeting (the packet feature is issue 8). */
import { useT } from '../core/i18n/index.ts';

export function PacketsPage() {
  const t = useT();
  return (
    <main className="page" data-testid="packets-page">
      <h2>{t('packets.title')}</h2>
      <p className="muted">{t('packets.empty')}</p>
    </main>
  );
}
