import { rupiahAmountSchema, wholeRupiah } from './money';

describe('wholeRupiah', () => {
  it.each([
    ['1500000', '1500000'],
    ['1.500.000', '1500000'],
    ['Rp 1.500.000', '1500000'],
    ['rp1.500.000', '1500000'],
    [' 2 000 000 ', '2000000'],
    ['0', '0'],
    ['007', '7'],
    ['999999999999999', '999999999999999'],
  ])('reads %j as %j', (typed, amount) => {
    expect(wholeRupiah(typed)).toBe(amount);
  });

  it.each(['', 'Rp', '1,5', '1.5', '1.50.000', '-500', '1e6', '1000000000000000', 'satu juta'])('refuses %j', (typed) => {
    expect(wholeRupiah(typed)).toBeNull();
  });
});

describe('rupiahAmountSchema', () => {
  it('gives the amount string, or a message key', () => {
    expect(rupiahAmountSchema.safeParse('1.250.000')).toMatchObject({ success: true, data: '1250000' });
    expect(rupiahAmountSchema.safeParse(' ').error?.issues[0]?.message).toBe('fieldError.required');
    expect(rupiahAmountSchema.safeParse('12,5').error?.issues[0]?.message).toBe('validation.wholeRupiah');
  });
});
