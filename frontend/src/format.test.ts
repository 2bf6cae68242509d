import {
  formatBasisPoints,
  formatDay,
  formatFileSize,
  formatInstant,
  formatMegabytes,
  formatRupiah,
  groupDigits,
  hasExpired,
  jakartaDayToInstant,
  jakartaToday,
  jakartaYear,
} from './format';

describe('format', () => {
  it('shows instants in Jakarta time', () => {
    expect(formatInstant('2025-03-01T17:30:00Z')).toBe('02/03/2025, 00.30.00');
  });

  it('turns picked days into Jakarta day bounds', () => {
    expect(jakartaDayToInstant('2025-03-02')).toBe('2025-03-01T17:00:00.000Z');
    expect(jakartaDayToInstant('2025-03-02', true)).toBe('2025-03-02T16:59:59.999Z');
    expect(jakartaDayToInstant('')).toBeUndefined();
  });

  it('writes whole rupiah as Indonesian documents do, up to the largest amount the API sends', () => {
    expect(formatRupiah('1500000')).toBe('Rp\u00a01.500.000');
    expect(formatRupiah('0')).toBe('Rp\u00a00');
    expect(formatRupiah('999999999999999')).toBe('Rp\u00a0999.999.999.999.999');
    expect(groupDigits('50000000')).toBe('50.000.000');
  });

  it('writes basis points as percentages', () => {
    expect(formatBasisPoints(200)).toBe('2%');
    expect(formatBasisPoints(1250)).toBe('12,5%');
  });

  it('writes calendar dates without a time zone shift', () => {
    expect(formatDay('2018-12-31')).toBe('31/12/2018');
  });

  it('knows the year in Jakarta, which starts seven hours before UTC', () => {
    expect(jakartaYear(new Date('2025-12-31T16:59:59Z'))).toBe(2025);
    expect(jakartaYear(new Date('2025-12-31T17:00:00Z'))).toBe(2026);
  });

  it('knows the day in Jakarta as a calendar date', () => {
    expect(jakartaToday(new Date('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(jakartaToday(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });

  it('counts a certificate valid through its last day', () => {
    expect(hasExpired('2026-03-04', '2026-03-04')).toBe(false);
    expect(hasExpired('2026-03-03', '2026-03-04')).toBe(true);
    expect(hasExpired(null, '2026-03-04')).toBe(false);
  });

  it('writes file sizes as people read them, a megabyte being 1024 x 1024 bytes', () => {
    expect(formatMegabytes(5242880)).toBe('5');
    expect(formatMegabytes(1572864)).toBe('1,5');
    expect(formatFileSize(478)).toBe('478 B');
    expect(formatFileSize(48213)).toBe('47,1 KB');
    expect(formatFileSize(1572864)).toBe('1,5 MB');
  });
});
