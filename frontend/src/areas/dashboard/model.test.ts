import { ageBucket, monthsOfYear, topOutlets, type RealisationRow } from './model';

const row = (key: string, realised: string): RealisationRow => ({
  key,
  code: null,
  label: key,
  orders: 1,
  amount: { amount: realised, currency: 'IDR' },
  vat: { amount: '0', currency: 'IDR' },
  realised: { amount: realised, currency: 'IDR' },
});

describe('the dashboard\'s figures', () => {
  it('put a debt in its age bucket, the boundary day in the younger one', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400].map(ageBucket)).toEqual(['days0to30', 'days0to30', 'days31to60', 'days31to60', 'days61to90', 'days61to90', 'over90', 'over90']);
  });

  it('give every month of the year, and only of that year, exactly', () => {
    const months = monthsOfYear(2026, [row('2026-12', '999999999999999'), row('2025-12', '5'), row('2026-01', '1')]);
    expect(months.map((month) => month.key)).toEqual(Array.from({ length: 12 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}`));
    expect(months[0]?.realised).toBe('1');
    expect(months[11]?.realised).toBe('999999999999999');
    expect(months.slice(1, 11).every((month) => month.realised === '0')).toBe(true);
  });

  it('name no "others" when every outlet is among the top ones', () => {
    expect(topOutlets([row('a', '2'), row('b', '1')], 2)).toEqual({
      top: [
        { key: 'a', label: 'a', realised: '2' },
        { key: 'b', label: 'b', realised: '1' },
      ],
      others: null,
    });
    expect(topOutlets([row('a', '2'), row('b', '1'), row('c', '3')], 1).others).toEqual({ count: 2, realised: '3' });
  });
});
