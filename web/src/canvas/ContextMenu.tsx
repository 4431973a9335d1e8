/** The node menu: expand (all, or one relationship type), trace, details, hide, remove. */
import { useEffect } from 'react';
import { REL_TYPE_NAMES, startsTrace } from '../../../server/domain/model.ts';
import { useT } from '../core/i18n/index.ts';
import { openPanel } from '../core/panel.ts';
import { expand, hide, remove } from '../app/actions.ts';

const PARTY_TYPES = ['SENT_BY', 'SENT_TO', 'HOLDS', 'USES_PHONE', 'LOCATED_AT', 'OPERATES', 'LEGAL_REP_OF', 'INVOLVES'];

export function ContextMenu({
  nodeKey,
  x,
  y,
  onClose,
}: {
  nodeKey: string;
  x: number;
  y: number;
  onClose: () => void;
}) {
  const t = useT();
  useEffect(() => {
    const close = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  const run = (action: () => void) => () => {
    action();
    onClose();
  };
  const types = REL_TYPE_NAMES.filter((type) => PARTY_TYPES.includes(type));
  return (
    <ul className="menu" role="menu" style={{ left: x, top: y }} data-testid="node-menu">
      <li role="menuitem" onClick={run(() => void expand(nodeKey))}>
        {t('menu.expand')}
      </li>
      {types.map((type) => (
        <li key={type} role="menuitem" className="sub" onClick={run(() => void expand(nodeKey, [type]))}>
          {t('menu.expandType', { type: t.rel(type) })}
        </li>
      ))}
      {startsTrace(nodeKey) && (
        <li role="menuitem" onClick={run(() => openPanel({ kind: 'trace', key: nodeKey }))}>
          {t('menu.trace')}
        </li>
      )}
      <li role="menuitem" onClick={run(() => openPanel({ kind: 'detail', key: nodeKey }))}>
        {t('menu.detail')}
      </li>
      <li role="menuitem" onClick={run(() => hide([nodeKey]))}>
        {t('menu.hide')}
      </li>
      <li role="menuitem" onClick={run(() => remove([nodeKey]))}>
        {t('menu.remove')}
      </li>
    </ul>
  );
}
