import { useState } from 'react';
import { ApiError } from '../../api/errors';

/**
 * Whether the server answered the request, so that nothing came of it but that answer: a refusal
 * (4xx), which it keeps with the key and would replay for the same key. Not when the answer is
 * unknown (the network failed, the server failed and let the key go, a timeout) nor when the
 * key's first request is still running (`idempotency_key_in_use`): then the same key is sent
 * again, and the server makes sure the order is issued at most once.
 */
function answered(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.code !== 'idempotency_key_in_use';
}

/**
 * The `Idempotency-Key` of one intended request, made when the form opens. Every retry of that
 * request sends the same key, so a double click, a timeout or a dropped connection never acts
 * twice. A new key is made once the request succeeded (the next one is another intended request)
 * and once the server refused it (its refusal is kept with the key, and a corrected form is a new
 * request: with the old key, it would be refused as reusing it).
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = () => setKey(crypto.randomUUID());
  return {
    key,
    /** After a success: the next request is another one. */
    succeeded: renew,
    /** After a failure: a new key only when the server answered. */
    failed: (error: unknown) => {
      if (answered(error)) renew();
    },
  };
}
