import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../api/problem';
import { ROLES } from '../api/types';
import { AREAS } from '../areas';
import { BREAK_REASONS } from '../pages/audit/breakReasons';
import en from './en.json';
import id from './id.json';

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
function baseKeys(tree: Tree): Set<string> {
  return new Set([...leaves(tree).keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')));
}

const languages = { id: leaves(id), en: leaves(en) };

describe('translations', () => {
  it.each(Object.entries(languages))('%s translates every problem code of the contract', (_language, strings) => {
    const missing = PROBLEM_CODES.filter((code) => !strings.get(`problem.${code}`)?.trim());
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(languages))('%s translates every field error code of the contract', (_language, strings) => {
    const missing = FIELD_ERROR_CODES.filter((code) => !strings.get(`fieldError.${code}`)?.trim());
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(languages))('%s names every role and describes every area', (_language, strings) => {
    const missing = [...ROLES.map((role) => `roles.${role}`), ...AREAS.map((area) => `areas.${area}`), ...AREAS.map((area) => `nav.${area}`)].filter(
      (key) => !strings.get(key)?.trim(),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(languages))('%s explains every reason an audit chain can break', (_language, strings) => {
    const missing = BREAK_REASONS.filter((reason) => !strings.get(`audit.breakReason.${reason}`)?.trim());
    expect(missing).toEqual([]);
  });

  it('has the same keys in Indonesian and English', () => {
    const idKeys = baseKeys(id);
    const enKeys = baseKeys(en);
    expect([...idKeys].filter((key) => !enKeys.has(key))).toEqual([]);
    expect([...enKeys].filter((key) => !idKeys.has(key))).toEqual([]);
  });

  it('uses the contract wording for a wrong password', () => {
    expect(languages.id.get('problem.invalid_credentials')).toBe('Nama pengguna atau kata sandi salah.');
    expect(languages.en.get('problem.invalid_credentials')).toBe('Wrong username or password.');
  });
});
