import type { TokenPair } from '../api/types';

export const REFRESH_TOKEN_KEY = 'mitra.refresh_token';

/** Why the last session ended: shown once on the login page. */
export type EndReason = 'logout' | 'expired';

export interface SessionSnapshot {
  signedIn: boolean;
  endReason: EndReason | null;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Holds the tokens: the access token only in memory, the refresh token in localStorage so that a
 * reload can start a new access token without asking for the password again.
 */
export class SessionStore {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
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

  /** Milliseconds since the epoch at which the access token expires (0 without one). */
  getAccessExpiresAt(): number {
    return this.accessExpiresAt;
  }

  /** Read on every use: another tab may have rotated it. */
  getRefreshToken(): string | null {
    try {
      return this.storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  setTokens(pair: TokenPair, now: number = Date.now()): void {
    this.accessToken = pair.access_token;
    this.accessExpiresAt = now + pair.expires_in * 1000;
    this.endReason = null;
    try {
      this.storage?.setItem(REFRESH_TOKEN_KEY, pair.refresh_token);
    } catch {
      // Private mode or full storage: the session then lasts as long as the page.
    }
    this.emit();
  }

  /** End the session; `reason` (null: none) is shown once on the login page. */
  clear(reason: EndReason | null): void {
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.endReason = reason;
    try {
      this.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Nothing to remove.
    }
    this.emit();
  }

  /** Re-read the stored refresh token, e.g. after a `storage` event from another tab. */
  sync(): void {
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
      signedIn: this.accessToken !== null || this.getRefreshToken() !== null,
      endReason: this.endReason,
    };
  }

  private emit(): void {
    const next = this.computeSnapshot();
    if (next.signedIn !== this.snapshot.signedIn || next.endReason !== this.snapshot.endReason) {
      this.snapshot = next;
    }
    for (const listener of [...this.listeners]) listener();
  }
}
