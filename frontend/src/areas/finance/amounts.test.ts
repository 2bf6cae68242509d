import { lessOf, sumOf, timesOf, withholdingOf } from './amounts';

describe('Amounts of rupiah', () => {
  it('withhold PPh 23 rounded down to the whole rupiah, as the server does', () => {
    // 2 % of 4.801.802 is 96.036,04.
    expect(withholdingOf('4801802', 200)).toBe('96036');
    expect(withholdingOf('999', 200)).toBe('19');
    expect(withholdingOf('0', 200)).toBe('0');
  });

  it('stay exact beyond what a float holds', () => {
    // 999.999.999.999.999 x 200 passes 2^53: a float would lose its last digits.
    expect(withholdingOf('999999999999999', 200)).toBe('19999999999999');
    expect(sumOf(['999999999999999', '999999999999999', '1'])).toBe('1999999999999999');
    expect(timesOf(10000, '999999999999')).toBe('9999999999990000');
    expect(lessOf('5330000', '96036')).toBe('5233964');
  });
});
