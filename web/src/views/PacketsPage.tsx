/**
 * Shared case packets. The packets addressed to the user's region by this instance are read in the
 * inbox (partners see nothing else). Analysts and admins check a packet file from a partner
 * instance (signature, issuer, purpose, what it holds) and import it; investigators may check. A
 * packet this instance signed is checked but not imported: its facts are in the graph already.
 */
import { useState } from 'react';
import { ApiError } from '../core/api/client.ts';
import { checkPacket, importPacket, type ImportReport, type PacketCheck } from '../core/api/packets.ts';
import { useT } from '../core/i18n/index.ts';
import { sessionStore } from '../core/session/store.ts';
import { useStore } from '../core/store.ts';
import { PacketInbox } from './PacketInbox.tsx';

export function PacketsPage() {
  const t = useT();
  const role = useStore(sessionStore, (s) => (s.status === 'signed-in' ? s.user.role : null));
  const [packet, setPacket] = useState<unknown>(null);
  const [check, setCheck] = useState<PacketCheck | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canCheck = role === 'admin' || role === 'analyst' || role === 'investigator';
  const canImport = role === 'admin' || role === 'analyst';

  const refused = (err: unknown) => {
    if (err instanceof ApiError && err.kind === 'packet-rejected')
      return t('packets.rejected', { reason: err.detail ?? '' });
    return t.error(err);
  };

  const choose = async (file: File | undefined) => {
    setCheck(null);
    setReport(null);
    setError(null);
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(await file.text());
      setPacket(parsed);
      setCheck(await checkPacket(parsed));
    } catch (err) {
      setError(err instanceof SyntaxError ? t('packets.rejected', { reason: err.message }) : refused(err));
    }
  };

  const doImport = async () => {
    setError(null);
    try {
      setReport(await importPacket(packet));
    } catch (err) {
      setError(refused(err));
    }
  };

  return (
    <main className="page" data-testid="packets-page">
      <h2>{t('packets.title')}</h2>
      <PacketInbox />
      {canCheck && (
        <>
          <h3>{t('packets.checkFile')}</h3>
          <label className="packet-form">
            {t('packets.upload')}
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                // Cleared after reading, so choosing the same file again (a second import) reads it again.
                const input = e.currentTarget;
                void choose(input.files?.[0]).finally(() => (input.value = ''));
              }}
              data-testid="packet-file"
            />
          </label>
          {error && (
            <p className="error" role="alert" data-testid="packet-error">
              {error}
            </p>
          )}
          {check && (
            <section data-testid="packet-check">
              <p className="ok">
                ✓ {t('packets.verified')} — {check.signer.own ? t('app.name') : check.signer.name} ({check.issuer.name})
              </p>
              <pre className="summary">{check.summary}</pre>
              {check.signer.own ? (
                <p className="muted" data-testid="packet-own">
                  {t('packets.own')}
                </p>
              ) : (
                canImport &&
                !report && (
                  <button onClick={() => void doImport()} data-testid="packet-import">
                    {t('packets.import')}
                  </button>
                )
              )}
            </section>
          )}
        </>
      )}
      {error && !canCheck && <p className="error">{error}</p>}
      {report && (
        <p className="ok" data-testid="packet-report">
          {report.status === 'already-imported'
            ? t('packets.already')
            : t('packets.imported', {
                created: report.entities.created,
                matched: report.entities.matched,
                relationships: report.relationships,
              })}
          {report.entities.withheld > 0 && ` ${t('packets.withheld', { n: report.entities.withheld })}`}
        </p>
      )}
    </main>
  );
}
