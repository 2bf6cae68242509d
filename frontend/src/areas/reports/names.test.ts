import { monthName } from './names';

describe('a month of payment', () => {
  it('is named in the language shown', () => {
    expect(monthName('2026-03', 'id')).toBe('Maret 2026');
    expect(monthName('2026-03', 'en')).toBe('March 2026');
    expect(monthName('2026-12', 'id')).toBe('Desember 2026');
  });

  it('is left as it came when it is not a month', () => {
    expect(monthName('0190f7a0-0000-7000-8000-0000000005a1', 'id')).toBe('0190f7a0-0000-7000-8000-0000000005a1');
  });
});
