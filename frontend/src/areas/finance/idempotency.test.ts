import { ApiError } from '../../api/errors';
import type { ProblemCode } from '../../api/types';
import { SubmissionKey } from './idempotency';

/** Keys numbered in the order they are made. */
function numbered() {
  let made = 0;
  return () => {
    made += 1;
    return `key-${made}`;
  };
}

const refused = (status: number, code: ProblemCode) => new ApiError(status, { type: 'about:blank', title: 'Refused', status, code });

const payment = { sp2d_number: '00123/SP2D/LS/1.03/2026', sp2d_date: '2026-04-10', bank_account_id: 'a1', withholding_slip_number: null };

describe('A submission key', () => {
  it('is sent again with a retry of the same submission while its outcome is open', () => {
    const key = new SubmissionKey(numbered());
    expect(key.for(payment)).toBe('key-1');
    // The answer was lost: the payment may have been recorded.
    key.settle(new TypeError('Failed to fetch'));
    expect(key.for({ ...payment })).toBe('key-1');
    // The server failed, or the first request with the key still runs.
    key.settle(refused(503, 'service_unavailable'));
    expect(key.for(payment)).toBe('key-1');
    key.settle(refused(409, 'idempotency_key_in_use'));
    expect(key.for(payment)).toBe('key-1');
  });

  it('is renewed after a success, so the next submission is not taken for a retry', () => {
    const key = new SubmissionKey(numbered());
    expect(key.for(payment)).toBe('key-1');
    key.settle();
    expect(key.for(payment)).toBe('key-2');
  });

  it('is renewed once the server refused for good, which a retry with it would only replay', () => {
    const key = new SubmissionKey(numbered());
    expect(key.for(payment)).toBe('key-1');
    key.settle(refused(409, 'account_not_verified'));
    expect(key.for(payment)).toBe('key-2');
    key.settle(refused(400, 'validation_failed'));
    expect(key.for(payment)).toBe('key-3');
  });

  it('is renewed when what is sent changed, since that is another submission', () => {
    const key = new SubmissionKey(numbered());
    expect(key.for(payment)).toBe('key-1');
    key.settle(new TypeError('Failed to fetch'));
    expect(key.for({ ...payment, sp2d_number: '00124/SP2D/LS/1.03/2026' })).toBe('key-2');
  });

  it('is a fresh UUID for each form by default', () => {
    const first = new SubmissionKey().for(payment);
    const second = new SubmissionKey().for(payment);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});
