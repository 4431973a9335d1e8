/** Spikes against the three months before, one sentence each with its numbers, in the reader's language. */
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import { spikeSentence } from './words.ts';

export function Spikes({ data }: { data: Hotspots }) {
  const t = useT();
  return (
    <section className="spikes" data-testid="spikes">
      <h3>{t('hotspots.spikes')}</h3>
      {data.spikes.length === 0 ? (
        <p className="muted">{t('hotspots.spikes.none')}</p>
      ) : (
        <ul>
          {data.spikes.map((s) => (
            <li key={`${s.region}|${s.category}|${s.month}`} data-testid="spike">
              {spikeSentence(t, s)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
