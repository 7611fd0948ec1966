import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

// Natural-language keys: the English text is the key (and the English translation), so a missing
// German string falls back to English instead of showing a key. German lives in ./de.ts, its own
// chunk, fetched only when a user picks German (an English-speaking shopper never downloads it); the
// admin area's German strings are added by the admin chunk when it loads (../admin/i18n.ts).
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
  resources: {},
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

const LOADERS: Partial<Record<Language, () => Promise<Record<string, string>>>> = {
  de: () => import('./de').then((m) => m.de),
};
const loaded = new Set<Language>(['en']);
let wanted: Language = 'en';

/**
 * Switches the screen to `language` once its strings are there (they are fetched the first time). If
 * they cannot be fetched, the screen stays in the language it has; a later call tries again. Of
 * several quick calls, the last one wins.
 */
export async function setLanguage(language: Language): Promise<void> {
  wanted = language;
  const load = LOADERS[language];
  if (load && !loaded.has(language)) {
    try {
      // deep merge: the admin chunk may already have added its strings for this language
      i18n.addResourceBundle(language, 'translation', await load(), true, false);
      loaded.add(language);
    } catch {
      return;
    }
  }
  if (wanted !== language) return;
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
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
