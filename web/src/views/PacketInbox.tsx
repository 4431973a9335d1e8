/**
 * Packets addressed to the user's region: what, from whom, why, when. Opening one shows what it
 * holds (as redacted by its issuer; parties and cases first) and offers the file. They are read
 * here, not imported: this instance signed them, so their facts are in the graph already, and
 * merging one would open the issuing region's own records to the receiving region.
 */
import { useState } from 'react';
import { ENTITY_LABELS } from '../../../server/domain/model.ts';
import { openPacket, packetInbox, type Packet } from '../core/api/packets.ts';
import { download } from '../core/graph/export.ts';
import { useT } from '../core/i18n/index.ts';
import { useLoad } from '../app/useLoad.ts';
import { LoadedList } from './LoadedList.tsx';

export function PacketInbox() {
  const t = useT();
  const inbox = useLoad(packetInbox, []);
  const [open, setOpen] = useState<Packet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = async (id: string) => {
    setError(null);
    try {
      setOpen(await openPacket(id));
    } catch (err) {
      setError(t.error(err));
    }
  };
  return (
    <section data-testid="packet-inbox">
      <h3>{t('packets.inbox')}</h3>
      <LoadedList
        load={inbox}
        empty={t('packets.inboxEmpty')}
        row={(p) => (
          <tr key={p.id} data-testid="packet-row">
            <td>{p.subjectTitle}</td>
            <td>{t('packets.from', { issuer: p.issuerName ?? p.issuerRegion ?? '' })}</td>
            <td>{p.purpose}</td>
            <td>{t('packets.entities', { n: p.entities ?? 0 })}</td>
            <td className="muted">{(p.issuedAt ?? '').slice(0, 16).replace('T', ' ')}</td>
            <td>
              <button onClick={() => void view(p.id)}>{t('packets.view')}</button>
            </td>
          </tr>
        )}
      />
      {error && <p className="error">{error}</p>}
      {open && (
        <div className="packet-view" data-testid="packet-view">
          <h4>
            {open.subject.title} · {open.purpose}
          </h4>
          <div className="actions">
            <button
              onClick={() => download(`packet-${open.id}.json`, JSON.stringify(open, null, 2), 'application/json')}
            >
              {t('packets.download')}
            </button>
          </div>
          <table className="list">
            <tbody>
              {[...open.entities]
                .sort((a, b) => ENTITY_LABELS.indexOf(a.label) - ENTITY_LABELS.indexOf(b.label))
                .slice(0, 300)
                .map((e) => (
                  <tr key={e.key}>
                    <td>{t.label(e.label)}</td>
                    <td>{e.name}</td>
                    <td>{e.regionCodes.map((c) => t.region(c)).join('、')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
