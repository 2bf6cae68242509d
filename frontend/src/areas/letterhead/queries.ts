import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Letterhead, LetterheadRequest } from './model';

export const letterheadKeys = {
  all: ['letterhead'] as const,
};

/** The organisation's letterhead; version 0 while it was never set. */
export function letterheadQuery() {
  return queryOptions({
    queryKey: letterheadKeys.all,
    queryFn: () => unwrap(api.client.GET('/api/v1/letterhead')),
  });
}

/** Sets the whole letterhead as it was last read: the server refuses if someone saved it in between. */
export function setLetterhead(current: Letterhead, body: LetterheadRequest): Promise<Letterhead> {
  return unwrap(api.client.PUT('/api/v1/letterhead', { params: { header: { 'If-Match': `"${current.version}"` } }, body }));
}
