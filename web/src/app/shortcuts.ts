/** Keyboard shortcuts of the workbench (ignored while typing in a field). */
import { useEffect } from 'react';
import { startsTrace } from '../../../server/domain/model.ts';
import { openPanel } from '../core/panel.ts';
import { select, setHighlight, viewStore } from '../core/view/store.ts';
import { fitView } from '../canvas/instance.ts';
import { toggleLayout } from '../canvas/layout.ts';
import { expand, hide, redoStep, remove, undoStep } from './actions.ts';

export function useShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) {
        if (e.key === 'Escape') target.blur();
        return;
      }
      const selected = viewStore.get().selected;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) redoStep();
        else undoStep();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        redoStep();
      } else if (mod || e.altKey) return;
      else if (e.key === '/') {
        e.preventDefault();
        document.getElementById('search-input')?.focus();
      } else if (e.key === '?') toggleHelp();
      else if (e.key === 'f') fitView();
      else if (e.key === 'l') toggleLayout();
      else if (e.key === 'Escape') {
        select(null);
        setHighlight(null);
      } else if (selected && e.key === 'e') void expand(selected);
      else if (selected && e.key === 't' && startsTrace(selected)) openPanel({ kind: 'trace', key: selected });
      else if (selected && e.key === 'h') hide([selected]);
      else if (selected && (e.key === 'Delete' || e.key === 'Backspace')) remove([selected]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleHelp]);
}
