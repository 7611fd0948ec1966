import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';

// Natural-language keys: the English text is the key (and the English translation), so a missing
// German string falls back to English instead of showing a key. German lives in ./de.ts; the admin
// area's German strings are added by the admin chunk when it loads (../admin/i18n.ts).
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'de', label: 'Deutsch' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map((l) => l.code),
  resources: { de: { translation: de } },
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

export function setLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

const LOCALES: Record<Language, string> = { en: 'en-US', de: 'de-DE' };

function locale(): string {
  return isLanguage(i18n.language) ? LOCALES[i18n.language] : 'en-US';
}

/** Money is kept in integer US cents; it is shown in the user's locale (the currency stays USD). */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'USD' }).format(cents / 100);
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function number(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

export default i18n;
