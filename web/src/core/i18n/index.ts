/**
 * Message catalogs and the language store: Simplified Chinese by default, English on request,
 * remembered per browser. `t(key, values)` fills `{name}` placeholders; names of labels,
 * relationship types, roles and regions come from the server's domain model in both languages.
 */
import { LABEL_NAMES, REL_TYPES, type EntityLabel, type RelType } from '../../../../server/domain/model.ts';
import { ROLE_NAMES, type Role } from '../../../../server/auth/roles.ts';
import { regionByCode } from '../../../../server/domain/regions.ts';
import { FACTOR_NAMES, STAGE_NAMES, type Stage } from '../../../../server/domain/stages.ts';
import { ApiError } from '../api/client.ts';
import { createStore, useStore } from '../store.ts';
import { en } from './en.ts';
import { PROPERTY_NAMES } from './properties.ts';
import { zh, type MessageKey } from './zh.ts';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'quanlian.lang';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
export const langStore = createStore<Lang>(stored === 'en' ? 'en' : 'zh');

export function setLang(lang: Lang): void {
  langStore.set(lang);
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function translate(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = CATALOGS[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export type T = ((key: MessageKey, values?: Record<string, string | number>) => string) & {
  lang: Lang;
  label(label: EntityLabel | string): string;
  rel(type: RelType | string): string;
  role(role: Role): string;
  prop(name: string): string;
  stage(stage: string): string;
  factor(factor: string): string;
  region(code: string): string;
  error(error: unknown): string;
};

export function makeT(lang: Lang): T {
  const t = ((key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values)) as T;
  t.lang = lang;
  t.label = (label) => LABEL_NAMES[label as EntityLabel]?.[lang] ?? label;
  t.rel = (type) => (type === 'FLOW' ? t('legend.flow') : (REL_TYPES[type as RelType]?.[lang] ?? type));
  t.role = (role) => ROLE_NAMES[role][lang];
  t.stage = (stage) => STAGE_NAMES[stage as Stage]?.[lang] ?? translate(lang, 'stage.unknown');
  t.factor = (factor) => FACTOR_NAMES[factor]?.[lang] ?? factor;
  t.prop = (name) => PROPERTY_NAMES[name]?.[lang] ?? name;
  t.region = (code) => {
    const region = regionByCode(code);
    // Place names stay in Chinese in both languages, as on official documents.
    return region ? region.name : code;
  };
  t.error = (error) => errorMessage(t, error);
  return t;
}

/** An error in words a user understands: the problem type picks the sentence, the server's detail fills it. */
export function errorMessage(t: T, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case '':
      return t('error.network');
    case 'unauthenticated':
      return t('error.unauthenticated');
    case 'too-many-attempts':
      return t('error.tooMany');
    case 'forbidden':
      return t('error.forbidden');
    case 'not-found':
      return t('error.notFound');
    case 'validation':
      return t('error.validation', { detail: error.detail ?? '' });
    case 'conflict':
    case 'stale-version':
      return t('error.conflict', { detail: error.detail ?? '' });
    default:
      return error.status >= 500 ? t('error.server', { status: error.status }) : (error.detail ?? error.message);
  }
}

const cache = new Map<Lang, T>();
export function useT(): T {
  const lang = useStore(langStore, (l) => l);
  let t = cache.get(lang);
  if (!t) {
    t = makeT(lang);
    cache.set(lang, t);
  }
  return t;
}
