/** The export form of a case packet: receiving region, redaction, purpose → a signed JSON file. */
import { useState } from 'react';
import { REGIONS } from '../../../server/domain/regions.ts';
import { exportPacket } from '../core/api/packets.ts';
import { download } from '../core/graph/export.ts';
import { useT } from '../core/i18n/index.ts';
import { notify } from '../core/panel.ts';

export function PacketExport({ subject }: { subject: { community: string } | { investigation: string } }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('361100');
  const [redaction, setRedaction] = useState<'strict' | 'standard'>('strict');
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button onClick={() => setOpen(true)} data-testid="packet-export">
        {t('packets.export')}
      </button>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const packet = await exportPacket({ ...subject, to, redaction, purpose });
      const file = `packet-${packet.id}.json`;
      download(file, JSON.stringify(packet, null, 2), 'application/json');
      notify(t('packets.exported', { file }));
      setOpen(false);
    } catch (err) {
      setError(t.error(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="packet-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('packets.to')}
        <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="packet-to">
          {REGIONS.filter((r) => r.level !== 'province').map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('packets.redaction')}
        <select value={redaction} onChange={(e) => setRedaction(e.target.value as 'strict' | 'standard')}>
          <option value="strict">{t('packets.strict')}</option>
          <option value="standard">{t('packets.standard')}</option>
        </select>
      </label>
      <label>
        {t('packets.purpose')}
        <input
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          minLength={4}
          maxLength={500}
          required
          data-testid="packet-purpose"
        />
      </label>
      {error && <p className="error">{error}</p>}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="packet-export-submit">
          {t('packets.export')}
        </button>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
