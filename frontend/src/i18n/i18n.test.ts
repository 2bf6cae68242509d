import * as schema from '../api/schema';
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
 * Every vocabulary of the contract: each `...Values` array the generated schema exports, so that
 * a vocabulary the spec gains is checked without being listed here.
 */
const VOCABULARIES = Object.entries(schema).flatMap(([name, values]: [string, unknown]) =>
  name.endsWith('Values') && Array.isArray(values) ? [{ name, values: values as readonly string[] }] : [],
);

/**
 * Where each vocabulary's names live: `<namespace>:<prefix>.<value>`. Shared vocabularies are in
 * the common namespace, an area's own in the area's.
 */
const PLACES: { vocabulary: RegExp; namespace: string; prefix: string }[] = [
  { vocabulary: /^problemCodeValues$/, namespace: COMMON_NAMESPACE, prefix: 'problem' },
  { vocabulary: /^fieldErrorCodeValues$/, namespace: COMMON_NAMESPACE, prefix: 'fieldError' },
  { vocabulary: /^roleValues$/, namespace: COMMON_NAMESPACE, prefix: 'roles' },
  { vocabulary: /^permissionValues$/, namespace: COMMON_NAMESPACE, prefix: 'permissions' },
  { vocabulary: /^mediaTypeValues$/, namespace: COMMON_NAMESPACE, prefix: 'mediaType' },
  { vocabulary: /^legalFormValues$/, namespace: COMMON_NAMESPACE, prefix: 'legalForm' },
  { vocabulary: /^pressCouncilStatusValues$/, namespace: COMMON_NAMESPACE, prefix: 'pressCouncilStatus' },
  { vocabulary: /^competenceLevelValues$/, namespace: COMMON_NAMESPACE, prefix: 'competenceLevel' },
  { vocabulary: /^fileTypeValues$/, namespace: COMMON_NAMESPACE, prefix: 'fileType' },
  { vocabulary: /^companyStatusValues$/, namespace: COMMON_NAMESPACE, prefix: 'companyStatus' },
  { vocabulary: /^verdictValues$/, namespace: COMMON_NAMESPACE, prefix: 'verdict' },
  // A rule's check is tagged by its kind, published whole and, by the generator, once per variant.
  // The policy states rules and the registry judges by them, so both show their kinds.
  { vocabulary: /^(ruleKindValues|checkOneOf\d+KindValues)$/, namespace: COMMON_NAMESPACE, prefix: 'ruleKind' },
  { vocabulary: /^rupiahCurrencyValues$/, namespace: COMMON_NAMESPACE, prefix: 'currency' },
  { vocabulary: /^refreshTokenDeliveryValues$/, namespace: 'session', prefix: 'refreshTokenDelivery' },
  { vocabulary: /^auditActionValues$/, namespace: 'audit', prefix: 'action' },
  { vocabulary: /^entityTypeValues$/, namespace: 'audit', prefix: 'entity' },
  { vocabulary: /^chainBreakReasonValues$/, namespace: 'audit', prefix: 'breakReason' },
  { vocabulary: /^regulationKindValues$/, namespace: 'policy', prefix: 'regulationKind' },
  { vocabulary: /^numberedDocumentValues$/, namespace: 'policy', prefix: 'numberedDocument' },
  { vocabulary: /^newsroomRoleValues$/, namespace: 'registry', prefix: 'newsroomRole' },
  { vocabulary: /^outletScaleValues$/, namespace: 'registry', prefix: 'outletScale' },
  { vocabulary: /^periodicityValues$/, namespace: 'registry', prefix: 'periodicity' },
  { vocabulary: /^applicationStateValues$/, namespace: 'applications', prefix: 'state' },
  { vocabulary: /^stepValues$/, namespace: 'applications', prefix: 'step' },
  { vocabulary: /^blockerKindValues$/, namespace: 'applications', prefix: 'blocker' },
  { vocabulary: /^reviewStatusValues$/, namespace: 'applications', prefix: 'reviewStatus' },
  { vocabulary: /^visitConclusionValues$/, namespace: 'applications', prefix: 'visitConclusion' },
  { vocabulary: /^agreementKindValues$/, namespace: 'agreements', prefix: 'kind' },
  { vocabulary: /^agreementStateValues$/, namespace: 'agreements', prefix: 'state' },
  { vocabulary: /^agreementStepValues$/, namespace: 'agreements', prefix: 'step' },
  { vocabulary: /^terminationGroundValues$/, namespace: 'agreements', prefix: 'ground' },
  { vocabulary: /^orderStateValues$/, namespace: 'orders', prefix: 'state' },
  { vocabulary: /^orderStepValues$/, namespace: 'orders', prefix: 'step' },
  { vocabulary: /^proofKindValues$/, namespace: 'proofs', prefix: 'kind' },
  { vocabulary: /^proofStatusValues$/, namespace: 'proofs', prefix: 'status' },
  { vocabulary: /^invoiceStateValues$/, namespace: 'finance', prefix: 'invoiceState' },
  { vocabulary: /^contentKindValues$/, namespace: 'content', prefix: 'kind' },
  { vocabulary: /^realisationDimensionValues$/, namespace: 'reports', prefix: 'dimension' },
  { vocabulary: /^fairnessDimensionValues$/, namespace: 'reports', prefix: 'fairness.dimension' },
  { vocabulary: /^reportFormatValues$/, namespace: 'reports', prefix: 'format' },
  { vocabulary: /^exceptionClassValues$/, namespace: 'reports', prefix: 'exceptionClass' },
  { vocabulary: /^historyKindValues$/, namespace: 'reports', prefix: 'historyKind' },
  { vocabulary: /^historyRecordValues$/, namespace: 'reports', prefix: 'historyRecord' },
];

function placesOf(vocabulary: string) {
  return PLACES.filter((place) => place.vocabulary.test(vocabulary));
}

describe('the contract\'s vocabularies', () => {
  it('are read from the generated schema', () => {
    expect(VOCABULARIES.map(({ name }) => name)).toEqual(expect.arrayContaining(['roleValues', 'mediaTypeValues', 'checkOneOf0KindValues']));
  });

  it('each have one place for their translations', () => {
    expect(VOCABULARIES.filter(({ name }) => placesOf(name).length !== 1).map(({ name }) => name)).toEqual([]);
  });

  it('leave no place unused', () => {
    expect(PLACES.filter((place) => !VOCABULARIES.some(({ name }) => place.vocabulary.test(name))).map((place) => place.prefix)).toEqual([]);
  });
});

describe.each(LANGUAGES)('translations in %s', (language) => {
  it.each(VOCABULARIES)('name every value of $name', ({ name, values }) => {
    const [place] = placesOf(name);
    expect(place).toBeDefined();
    if (!place) return;
    const texts = strings(language, place.namespace);
    const missing = values.filter((value) => !texts.get(`${place.prefix}.${value}`)?.trim());
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
