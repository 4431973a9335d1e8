/**
 * Filters over what is on the canvas: a time-range slider across the dates of its shipments,
 * payments and cases; regions and entity types present; minimum pieces and amount. The canvas
 * restyles (hides) without reloading anything.
 */
import { ENTITY_LABELS, type EntityLabel } from '../../../server/domain/model.ts';
import { ENTITY_STYLE } from '../canvas/style.ts';
import { graphStore } from '../core/graph/store.ts';
import { useT } from '../core/i18n/index.ts';
import { useStore } from '../core/store.ts';
import { NO_FILTERS, setFilters, viewStore } from '../core/view/store.ts';

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function FiltersPanel() {
  const t = useT();
  const data = useStore(graphStore, (h) => h.present);
  const filters = useStore(viewStore, (v) => v.filters);

  let min = Infinity;
  let max = -Infinity;
  const regions = new Set<string>();
  const labels = new Set<EntityLabel>();
  for (const node of data.nodes.values()) {
    labels.add(node.label);
    for (const c of node.regionCodes) regions.add(c);
    if (node.at) {
      const ms = Date.parse(node.at.slice(0, 10));
      if (!Number.isNaN(ms)) {
        min = Math.min(min, ms);
        max = Math.max(max, ms);
      }
    }
  }
  const hasTime = Number.isFinite(min) && max > min;
  const from = filters.from ? Date.parse(filters.from) : min;
  const to = filters.to ? Date.parse(filters.to) : max;

  const toggle = <T extends string>(list: T[] | null, all: T[], value: T): T[] | null => {
    const current = list ?? all;
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    return next.length === all.length ? null : next;
  };

  return (
    <section className="filters" aria-label={t('filters.title')}>
      <h3>{t('filters.title')}</h3>
      {hasTime && (
        <fieldset data-testid="time-filter">
          <legend>
            {t('filters.time')}: {toDay(from)} – {toDay(to)}
          </legend>
          <input
            type="range"
            aria-label={`${t('filters.time')} ≥`}
            min={min}
            max={max}
            step={DAY}
            value={from}
            onChange={(e) => setFilters({ from: toDay(Math.min(Number(e.target.value), to)) })}
          />
          <input
            type="range"
            aria-label={`${t('filters.time')} ≤`}
            min={min}
            max={max}
            step={DAY}
            value={to}
            onChange={(e) => setFilters({ to: toDay(Math.max(Number(e.target.value), from)) })}
          />
        </fieldset>
      )}
      {regions.size > 1 && (
        <fieldset>
          <legend>{t('filters.regions')}</legend>
          {[...regions].sort().map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={!filters.regions || filters.regions.includes(code)}
                onChange={() => setFilters({ regions: toggle(filters.regions, [...regions], code) })}
              />
              {t.region(code)}
            </label>
          ))}
        </fieldset>
      )}
      {labels.size > 0 && (
        <fieldset>
          <legend>{t('filters.types')}</legend>
          {ENTITY_LABELS.filter((l) => labels.has(l)).map((label) => (
            <label key={label} className="check">
              <input
                type="checkbox"
                checked={!filters.labels || filters.labels.includes(label)}
                onChange={() => setFilters({ labels: toggle(filters.labels, [...labels], label) })}
              />
              <span className="swatch" style={{ background: ENTITY_STYLE[label].color }} />
              {t.label(label)}
            </label>
          ))}
        </fieldset>
      )}
      {labels.has('Shipment') && (
        <label className="number">
          {t('filters.minPieces')}
          <input
            type="number"
            min={0}
            value={filters.minPieces}
            onChange={(e) => setFilters({ minPieces: Math.max(0, Number(e.target.value) || 0) })}
          />
        </label>
      )}
      {labels.has('Payment') && (
        <label className="number">
          {t('filters.minAmount')}
          <input
            type="number"
            min={0}
            step={100}
            value={filters.minAmount}
            onChange={(e) => setFilters({ minAmount: Math.max(0, Number(e.target.value) || 0) })}
          />
        </label>
      )}
      {filters !== NO_FILTERS && (
        <button className="link" onClick={() => viewStore.set((v) => ({ ...v, filters: NO_FILTERS }))}>
          {t('filters.reset')}
        </button>
      )}
    </section>
  );
}
