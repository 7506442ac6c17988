import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../api/types';
import type { Translations } from './shape';
import zhCN from './zh-CN';
import en from './en';
import { platformCatalogue, type MessageCatalogue } from './messages/catalogues';

export const LOCALES: Locale[] = ['zh-CN', 'en'];

/** A feature's translations, one tree per language. */
export type TranslationBundle = Record<Locale, Translations>;
const STORAGE_KEY = 'gearbridge.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en';
}

/** The language the person chose on this browser, if any. Chinese is the default for everyone else. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function applyDocument(locale: Locale) {
  // Loaded by the unit tests too (a feature's manifest reaches it through the session), where there is no document.
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.title = locale === 'zh-CN' ? zhCN.app.fullName : en.app.fullName;
}

const initial: Locale = storedLocale() ?? 'zh-CN';
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN, messages: { ...platformCatalogue.zh } }, en: { translation: en, messages: { ...platformCatalogue.en } } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyDocument(initial);

/**
 * Adds each feature's translations (its manifest's `i18n`) to the shell's own, deep-merged, so a feature brings its
 * sections (`factory.*`) and its entries in shared ones (`nav.*`, `modules.<name>`, `audit.actions.*`). Call once,
 * before the first render.
 */
export function registerTranslations(bundles: readonly TranslationBundle[]): void {
  for (const bundle of bundles) {
    for (const locale of LOCALES) i18n.addResourceBundle(locale, 'translation', bundle[locale], true, false);
  }
}

/** Adds features' server-message catalogues (manifest `messages`) to the `messages` namespace. */
export function registerMessages(catalogues: readonly MessageCatalogue[]): void {
  for (const c of catalogues) {
    i18n.addResourceBundle('zh-CN', 'messages', c.zh, true, false);
    i18n.addResourceBundle('en', 'messages', c.en, true, false);
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switches the interface language and remembers it in this browser. */
export function changeLocale(locale: Locale, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }
  applyDocument(locale);
  void i18n.changeLanguage(locale);
}

/** The `lang` query parameter the Excel endpoints take. */
export const excelLang = (): 'zh' | 'en' => (currentLocale() === 'zh-CN' ? 'zh' : 'en');

export default i18n;
