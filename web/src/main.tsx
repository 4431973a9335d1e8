/** Entry point of the workbench bundle. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { langStore, setLang } from './core/i18n/index.ts';
import './styles.css';

setLang(langStore.get());
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
