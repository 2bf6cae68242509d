import {
  auditActionValues,
  chainBreakReasonValues,
  entityTypeValues,
  fieldErrorCodeValues,
  permissionValues,
  problemCodeValues,
  roleValues,
} from '../api/schema';
import i18n, { AREA_NAMESPACES, COMMON_NAMESPACE, LANGUAGES } from '.';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Plural forms differ per language (Indonesian has only `_other`): compare base keys. */
function baseKeys(strings: Map<string, string>): Set<string> {
  return new Set([...strings.keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')));
}

const NAMESPACES = [COMMON_NAMESPACE, ...AREA_NAMESPACES];

function strings(language: string, namespace: string): Map<string, string> {
  return leaves(i18n.getResourceBundle(language, namespace) as Tree);
}

beforeAll(async () => {
  // The areas' namespaces load on demand, as they do when an area is first opened.
  await i18n.loadLanguages([...LANGUAGES]);
  await i18n.loadNamespaces([...AREA_NAMESPACES]);
});

const common = Object.fromEntries(LANGUAGES.map((language) => [language, leaves(i18n.getResourceBundle(language, COMMON_NAMESPACE) as Tree)]));

/**
 * Every vocabulary of the contract, read from the generated arrays, and where its names live:
 * `<namespace>:<prefix>.<value>`. A value the server adds fails here until it is translated.
 */
const VOCABULARIES: { name: string; values: readonly string[]; namespace: string; prefix: string }[] = [
  { name: 'ProblemCode', values: problemCodeValues, namespace: COMMON_NAMESPACE, prefix: 'problem' },
  { name: 'FieldErrorCode', values: fieldErrorCodeValues, namespace: COMMON_NAMESPACE, prefix: 'fieldError' },
  { name: 'Role', values: roleValues, namespace: COMMON_NAMESPACE, prefix: 'roles' },
  { name: 'Permission', values: permissionValues, namespace: COMMON_NAMESPACE, prefix: 'permissions' },
  { name: 'AuditAction', values: auditActionValues, namespace: 'audit', prefix: 'action' },
  { name: 'EntityType', values: entityTypeValues, namespace: 'audit', prefix: 'entity' },
  { name: 'ChainBreakReason', values: chainBreakReasonValues, namespace: 'audit', prefix: 'breakReason' },
];

describe.each(LANGUAGES)('translations in %s', (language) => {
  it.each(VOCABULARIES)('name every $name of the contract', ({ values, namespace, prefix }) => {
    const texts = strings(language, namespace);
    const missing = values.filter((value) => !texts.get(`${prefix}.${value}`)?.trim());
    expect(missing).toEqual([]);
  });
});

describe('translations', () => {
  it.each(NAMESPACES)('has the same keys in Indonesian and English in the %s namespace', (namespace) => {
    const idKeys = baseKeys(strings('id', namespace));
    const enKeys = baseKeys(strings('en', namespace));
    expect(idKeys.size).toBeGreaterThan(0);
    expect([...idKeys].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...enKeys].filter((key) => !idKeys.has(key))).toEqual([]);
  });

  it.each(NAMESPACES)('leaves no string of the %s namespace empty', (namespace) => {
    for (const language of LANGUAGES) {
      const empty = [...strings(language, namespace)].filter(([, text]) => !text.trim()).map(([key]) => key);
      expect(empty).toEqual([]);
    }
  });

  it('uses the contract wording for a wrong password', () => {
    expect(common.id?.get('problem.invalid_credentials')).toBe('Nama pengguna atau kata sandi salah.');
    expect(common.en?.get('problem.invalid_credentials')).toBe('Wrong username or password.');
  });
});
