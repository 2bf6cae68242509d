import type { TokenPair } from '../api/types';

/**
 * Set to "1" while a session cookie may exist. It is no secret: it only tells a reloaded page, or
 * another tab, that asking `POST /auth/refresh` is worth a try. The refresh token itself travels
 * in an HttpOnly cookie that no script can read, and the access token stays in memory.
 */
export const SESSION_FLAG_KEY = 'mitra.session';
const SESSION_FLAG = '1';

/** Why the last session ended: shown once on the login page. */
export type EndReason = 'logout' | 'expired';

export interface SessionSnapshot {
  /** An access token is held, or a session cookie may exist. */
  signedIn: boolean;
  /** A session with no access token yet (after a reload, or a sign-in in another tab) is being renewed. */
  restoring: boolean;
  endReason: EndReason | null;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The session as this tab knows it: the access token in memory, and the flag in localStorage. */
export class SessionStore {
  private accessToken: string | null = null;
  private restoring = false;
  private endReason: EndReason | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: SessionSnapshot;
  private readonly storage: Storage | null;

  constructor(storage: Storage | null = defaultStorage()) {
    this.storage = storage;
    this.snapshot = this.computeSnapshot();
  }

  getAccessToken(): string | null {
    return this.accessToken;
  }

  /** Whether a session cookie may exist. Read on every use: another tab may have signed in or out. */
  mayHaveSession(): boolean {
    try {
      return this.storage?.getItem(SESSION_FLAG_KEY) === SESSION_FLAG;
    } catch {
      return false;
    }
  }

  /** Keep a new access token; whatever else the pair carries is not kept. */
  setTokens(pair: Pick<TokenPair, 'access_token'>): void {
    this.accessToken = pair.access_token;
    this.endReason = null;
    try {
      this.storage?.setItem(SESSION_FLAG_KEY, SESSION_FLAG);
    } catch {
      // Private mode or full storage: the session then lasts as long as the page.
    }
    this.emit();
  }

  setRestoring(restoring: boolean): void {
    this.restoring = restoring;
    this.emit();
  }

  /** End the session; `reason` (null: none) is shown once on the login page. */
  clear(reason: EndReason | null): void {
    this.accessToken = null;
    this.restoring = false;
    this.endReason = reason;
    try {
      this.storage?.removeItem(SESSION_FLAG_KEY);
    } catch {
      // Nothing to remove.
    }
    this.emit();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private computeSnapshot(): SessionSnapshot {
    return {
      signedIn: this.accessToken !== null || this.mayHaveSession(),
      restoring: this.restoring,
      endReason: this.endReason,
    };
  }

  private emit(): void {
    const next = this.computeSnapshot();
    const { signedIn, restoring, endReason } = this.snapshot;
    // A new object only on change: React re-renders on every new snapshot.
    if (next.signedIn !== signedIn || next.restoring !== restoring || next.endReason !== endReason) {
      this.snapshot = next;
    }
    for (const listener of [...this.listeners]) listener();
  }
}
