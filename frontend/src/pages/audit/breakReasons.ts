/** ChainBreak.reason codes; each has a translation under `audit.breakReason`. */
export const BREAK_REASONS = ['content_altered', 'link_broken', 'event_missing', 'tail_missing'] as const;
