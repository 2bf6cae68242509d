import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import { unitKeys } from '../../api/units';
import type { CreateUnitRequest, Unit, UpdateUnitRequest } from '../../api/types';

const PAGE_SIZE = 50;

/** The units of the organisation, a page at a time, in the order they were created. */
export function unitPagesQuery() {
  return pagedQueryOptions(unitKeys.pages(), (cursor) =>
    unwrap(api.client.GET('/api/v1/units', { params: { query: { limit: PAGE_SIZE, cursor } } })),
  );
}

export function createUnit(body: CreateUnitRequest): Promise<Unit> {
  return unwrap(api.client.POST('/api/v1/units', { body }));
}

/** Changes a unit as it was last read: the server refuses if someone saved it in between. */
export function updateUnit(unit: Unit, changes: UpdateUnitRequest): Promise<Unit> {
  return unwrap(
    api.client.PATCH('/api/v1/units/{id}', {
      params: { path: { id: unit.id }, header: { 'If-Match': `"${unit.version}"` } },
      body: changes,
    }),
  );
}
