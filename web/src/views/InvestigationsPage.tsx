/** Saved investigations (mine and shared within my scope): open one on the canvas, delete mine. */
import { deleteInvestigation, listInvestigations } from '../core/api/investigations.ts';
import { useT } from '../core/i18n/index.ts';
import { navigate } from '../app/route.ts';
import { useLoad } from '../app/useLoad.ts';
import { report } from '../app/actions.ts';
import { LoadedList } from './LoadedList.tsx';
import { PacketExport } from './PacketExport.tsx';

export function InvestigationsPage() {
  const t = useT();
  const list = useLoad(listInvestigations, []);
  return (
    <main className="page" data-testid="investigations-page">
      <h2>{t('investigations.title')}</h2>
      <LoadedList
        load={list}
        empty={t('investigations.empty')}
        row={(inv) => (
          <tr key={inv.id} data-testid="investigation-row">
            <td>{inv.title}</td>
            <td>
              {inv.mine ? t('investigations.mine') : inv.owner}
              {inv.shared ? ` · ${t('investigations.shared')}` : ''}
            </td>
            <td>{t('canvas.nodes', { n: inv.nodeCount })}</td>
            <td className="muted">
              {t('investigations.updated', { at: inv.updatedAt.slice(0, 16).replace('T', ' ') })}
            </td>
            <td>
              <button onClick={() => navigate('workbench', null, { investigation: inv.id })}>{t('common.open')}</button>
              <PacketExport subject={{ investigation: inv.id }} />
              {inv.mine && (
                <button className="link" onClick={() => void deleteInvestigation(inv.id).then(list.reload, report)}>
                  {t('common.delete')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </main>
  );
}
