/**
 * The dashboard's filters — period (from/to month), goods category, region within the user's scope —
 * and the cases/amount switch that sizes bubbles and bars. Filters go to the URL; the switch is a view setting.
 */
import { regionsUnder } from '../../../../server/domain/regions.ts';
import { CATEGORY_IDS } from '../../../../server/hotspots/category.ts';
import type { Hotspots } from '../../core/api/endpoints.ts';
import { useT } from '../../core/i18n/index.ts';
import type { Filters as FilterValues } from './urlFilters.ts';
import type { Metric } from './RegionMap.tsx';
import { categoryName } from './words.ts';

interface Props {
  filters: FilterValues;
  window: Hotspots['window'] | null;
  scope: readonly string[];
  metric: Metric;
  onChange: (next: FilterValues) => void;
  onMetric: (metric: Metric) => void;
}

export function Filters({ filters, window, scope, metric, onChange, onMetric }: Props) {
  const t = useT();
  const set = (patch: Partial<FilterValues>) => {
    onChange({ ...filters, ...patch });
  };
  const regions = regionsUnder(scope);
  const empty = Object.keys(filters).length === 0;
  return (
    <div className="hotspot-filters" data-testid="hotspot-filters">
      <label>
        {t('hotspots.filters.from')}
        <input
          type="month"
          data-testid="filter-from"
          value={filters.from ?? window?.from ?? ''}
          max={filters.to ?? window?.to}
          onChange={(e) => set({ from: e.target.value })}
        />
      </label>
      <label>
        {t('hotspots.filters.to')}
        <input
          type="month"
          data-testid="filter-to"
          value={filters.to ?? window?.to ?? ''}
          min={filters.from ?? window?.from}
          onChange={(e) => set({ to: e.target.value })}
        />
      </label>
      <label>
        {t('hotspots.filters.category')}
        <select
          data-testid="filter-category"
          value={filters.category ?? ''}
          onChange={(e) => set({ category: e.target.value })}
        >
          <option value="">{t('hotspots.filters.allCategories')}</option>
          {[...CATEGORY_IDS.filter((id) => id !== 'other'), 'other' as const].map((id) => (
            <option key={id} value={id}>
              {categoryName(t.lang, id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('hotspots.filters.region')}
        <select
          data-testid="filter-region"
          value={filters.region ?? ''}
          onChange={(e) => set({ region: e.target.value })}
        >
          <option value="">{t('hotspots.filters.allRegions')}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.level === 'district' || r.level === 'county' || r.level === 'county-city' ? `\u3000${r.name}` : r.name}
            </option>
          ))}
        </select>
      </label>
      <button className="link" disabled={empty} onClick={() => onChange({})} data-testid="filter-reset">
        {t('hotspots.filters.reset')}
      </button>
      <span className="spacer" />
      <span className="segmented" role="group" aria-label={t('hotspots.metric.label')}>
        <span className="muted">{t('hotspots.metric.label')}</span>
        {(['cases', 'amount'] as const).map((m) => (
          <button
            key={m}
            className={metric === m ? 'active' : ''}
            aria-pressed={metric === m}
            data-testid={`metric-${m}`}
            onClick={() => onMetric(m)}
          >
            {t(m === 'cases' ? 'hotspots.metric.cases' : 'hotspots.metric.amount')}
          </button>
        ))}
      </span>
    </div>
  );
}
