import i18n, { AREA_NAMESPACES, COMMON_NAMESPACE } from '../i18n';
import { AREAS, SHELL_AREAS } from './registry';

describe('area registry', () => {
  it('gives every area its own path', () => {
    const paths = AREAS.map((area) => area.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('has translations for every area, in a namespace named after it', () => {
    expect([...AREA_NAMESPACES].sort()).toEqual(AREAS.map((area) => area.name).sort());
  });

  it.each(['id', 'en'])('labels every navigation entry in %s', (language) => {
    const missing = SHELL_AREAS.filter((area) => {
      const label: unknown = i18n.getResource(language, COMMON_NAMESPACE, area.nav.label);
      return typeof label !== 'string' || !label.trim();
    });
    expect(missing.map((area) => area.name)).toEqual([]);
  });
});
