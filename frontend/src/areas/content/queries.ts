import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { uploadForm } from '../../api/files';
import { pagedQueryOptions } from '../../api/paging';
import type { ContentAttachment, ContentItem, ContentKind, ContentRequest } from './model';

/** The content bank's filters, as the API takes them. */
export interface ContentFilters {
  kind?: ContentKind;
  q?: string;
  released_from?: string;
}

export const contentKeys = {
  all: ['content'] as const,
  lists: () => [...contentKeys.all, 'list'] as const,
  list: (filters: ContentFilters) => [...contentKeys.lists(), filters] as const,
  /** One item and what is read of it: one invalidation after a change refreshes both. */
  one: (id: string) => [...contentKeys.all, 'one', id] as const,
  item: (id: string) => [...contentKeys.one(id), 'record'] as const,
  attachments: (id: string) => [...contentKeys.one(id), 'attachments'] as const,
};

const PAGE_SIZE = 25;

export function contentPagesQuery(filters: ContentFilters) {
  return pagedQueryOptions(contentKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/content-items', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function contentItemQuery(id: string) {
  return queryOptions({
    queryKey: contentKeys.item(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/content-items/{id}', { params: { path: { id } } })),
  });
}

export function attachmentsQuery(id: string) {
  return queryOptions({
    queryKey: contentKeys.attachments(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/content-items/{id}/attachments', { params: { path: { id } } })),
  });
}

export function createContentItem(body: ContentRequest): Promise<ContentItem> {
  return unwrap(api.client.POST('/api/v1/content-items', { body }));
}

/** Rewrites an item as it was last read: the server refuses if it changed since. */
export function updateContentItem(item: ContentItem, body: ContentRequest): Promise<ContentItem> {
  return unwrap(
    api.client.PUT('/api/v1/content-items/{id}', {
      params: { path: { id: item.id }, header: { 'If-Match': `"${item.version}"` } },
      body,
    }),
  );
}

/** Attaches a file to an item, reporting the upload's progress. */
export function uploadAttachment(itemId: string, file: File, onProgress: (fraction: number) => void): Promise<ContentAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<ContentAttachment>(`/api/v1/content-items/${encodeURIComponent(itemId)}/attachments`, form, onProgress);
}

/** A file's content, to save it: the file operation needs the access token, which a plain link cannot send. */
export function attachmentContent(attachment: ContentAttachment): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/content-attachments/{id}/content', { params: { path: { id: attachment.id } }, parseAs: 'blob' }));
}
