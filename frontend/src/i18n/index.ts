import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import id from './id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';
export const LANGUAGE_KEY = 'mitra.lang';

/** What every screen needs: the shell, navigation, roles, problem and field error codes. */
export const COMMON_NAMESPACE = 'common';

const commonResources = {
  id: { [COMMON_NAMESPACE]: id },
  en: { [COMMON_NAMESPACE]: en },
} as const;

// Each area keeps its own translations in src/areas/<area>/i18n/<language>.json, in a namespace
// named after the area. They are fetched the first time a screen of the area asks for them.
const areaBundles = import.meta.glob<ResourceKey>('../areas/*/i18n/*.json', { import: 'default' });
const AREA_BUNDLE = /^\.\.\/areas\/([^/]+)\/i18n\/([^/]+)\.json$/;

/** The namespaces of the areas: one per area folder that has translations. */
export const AREA_NAMESPACES: readonly string[] = [
  ...new Set(Object.keys(areaBundles).flatMap((path) => AREA_BUNDLE.exec(path)?.[1] ?? [])),
];

const areaTranslations: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = areaBundles[`../areas/${namespace}/i18n/${language}.json`];
    if (!load) {
      callback(new Error(`no ${language} translations for ${namespace}`), false);
      return;
    }
    load().then(
      (bundle) => {
        callback(null, bundle);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), false);
      },
    );
  },
};

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  if (!isLanguage(language)) return;
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not persisted; the choice lasts for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

void i18n
  .use(areaTranslations)
  .use(initReactI18next)
  .init({
    resources: commonResources,
    // The common namespace is bundled; the areas' namespaces come from the backend above.
    partialBundledLanguages: true,
    ns: [COMMON_NAMESPACE],
    defaultNS: COMMON_NAMESPACE,
    // An area's screens also show common strings (buttons, roles, problems) with the area's `t`.
    fallbackNS: COMMON_NAMESPACE,
    lng: storedLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });

if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();

export default i18n;
