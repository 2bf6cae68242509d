import type { components } from '../../api/schema';

// The content bank's records as the generated contract names them.
type Schemas = components['schemas'];

export type ContentItem = Schemas['ContentItem'];
export type ContentKind = Schemas['ContentKind'];
export type ContentRequest = Schemas['ContentRequest'];
export type ContentAttachment = Schemas['ContentAttachment'];
export type FileType = Schemas['FileType'];

/** What an attachment may be: PDF, JPEG or PNG, judged by content on the server. */
export const ATTACHMENT_TYPES: readonly FileType[] = ['pdf', 'jpeg', 'png'];

/** The largest attachment the server takes: 20 MiB. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * A body's paragraphs, as written: separated by a blank line. A single line break stays inside
 * its paragraph (shown as one).
 */
export function paragraphsOf(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}
