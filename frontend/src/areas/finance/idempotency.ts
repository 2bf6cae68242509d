import { useState } from 'react';
import { ApiError } from '../../api/errors';

/**
 * Whether the server has answered a keyed request for good. It keeps every answer that is not its
 * own failure with the key and replays it for the same key, so after a refusal (a taken number, an
 * unverified account) the same key would only bring the same refusal back. A request still running
 * under the key (`idempotency_key_in_use`), a timeout before the body arrived, a server failure or
 * a lost connection leave the outcome open: the retry must carry the same key.
 */
function answered(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.code !== 'idempotency_key_in_use';
}

/**
 * The `Idempotency-Key` of a money-moving form: made when the form opens, sent again with a retry
 * of the same submission (so the server records the invoice or the payment once, however often the
 * button is pressed after a lost answer), renewed once the server has answered for good.
 */
export class SubmissionKey {
  private readonly newKey: () => string;
  private key: string;
  /** What was last sent under the key, while its outcome is open. */
  private sent: string | null = null;

  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.newKey = newKey;
    this.key = newKey();
  }

  /**
   * The key to send `body` with: the one of the last attempt if this is a retry of it; a new one
   * if what is sent changed, since it is then another submission (the server refuses one key for
   * two different requests).
   */
  for(body: unknown): string {
    const print = JSON.stringify(body);
    if (this.sent !== null && this.sent !== print) this.key = this.newKey();
    this.sent = print;
    return this.key;
  }

  /** Called with the answer's error, or none after a success: the key is spent once the server answered for good. */
  settle(error?: unknown): void {
    if (error !== undefined && !answered(error)) return;
    this.key = this.newKey();
    this.sent = null;
  }
}

/** A form's submission key, made when the form opens and kept while it is open. */
export function useSubmissionKey(): SubmissionKey {
  const [key] = useState(() => new SubmissionKey());
  return key;
}
