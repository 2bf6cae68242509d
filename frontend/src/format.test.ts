import { formatInstant, jakartaDayToInstant } from './format';

describe('format', () => {
  it('shows instants in Jakarta time', () => {
    expect(formatInstant('2025-03-01T17:30:00Z')).toBe('02/03/2025, 00.30.00');
  });

  it('turns picked days into Jakarta day bounds', () => {
    expect(jakartaDayToInstant('2025-03-02')).toBe('2025-03-01T17:00:00.000Z');
    expect(jakartaDayToInstant('2025-03-02', true)).toBe('2025-03-02T16:59:59.999Z');
    expect(jakartaDayToInstant('')).toBeUndefined();
  });
});
