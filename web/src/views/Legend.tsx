/** The legend reads the same style tables as the canvas: shapes and colours per type, or the current palette. */
import { ENTITY_LABELS } from '../../../server/domain/model.ts';
import { ENTITY_STYLE, STAGE_COLORS } from '../canvas/style.ts';
import { useT } from '../core/i18n/index.ts';
import { useStore } from '../core/store.ts';
import { viewStore } from '../core/view/store.ts';

export function Legend() {
  const t = useT();
  const colorBy = useStore(viewStore, (v) => v.colorBy);
  return (
    <section className="legend" aria-label={t('legend.title')} data-testid="legend">
      <h3>{t('legend.title')}</h3>
      <ul>
        {ENTITY_LABELS.map((label) => (
          <li key={label}>
            <span className={`shape ${ENTITY_STYLE[label].shape}`} style={{ color: ENTITY_STYLE[label].color }} />
            {t.label(label)}
          </li>
        ))}
        <li>
          <span className="flow-line" />
          {t('legend.flow')}
        </li>
        <li>{t('legend.shared')}</li>
      </ul>
      {colorBy === 'stage' && (
        <ul>
          {(Object.keys(STAGE_COLORS) as (keyof typeof STAGE_COLORS)[]).map((stage) => (
            <li key={stage}>
              <span className="swatch" style={{ background: STAGE_COLORS[stage] }} />
              {t.stage(stage)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
