import { fakeServer, json, me, type Seen } from '../../test/http';
import type { ContentAttachment, ContentItem } from './model';

// A small content bank in the shape of the demo's, for the area's tests.

/** Writes press releases and materials. */
export const writer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.humas',
  full_name: 'Staf Humas',
  role: 'officer',
  permissions: ['organisation.read', 'units.read', 'content.read', 'content.manage'],
};

/** Reads the content bank only. */
export const reader = { ...writer, id: '0190f7a0-0000-7000-8000-000000000006', permissions: ['organisation.read', 'content.read'] };

export const release: ContentItem = {
  id: '0190f7a0-0000-7000-8000-000000000c01',
  kind: 'press_release',
  title: 'Hari Jadi Kabupaten OKI ke-79',
  body: 'Pemerintah Kabupaten Ogan Komering Ilir memperingati hari jadinya.\n\nUpacara digelar di halaman kantor bupati.\nDihadiri seluruh kepala dinas.',
  released_on: '2026-03-01',
  created_at: '2026-02-20T02:00:00Z',
  created_by: writer.id,
  updated_at: '2026-02-21T02:00:00Z',
  version: 2,
};

export const material: ContentItem = {
  ...release,
  id: '0190f7a0-0000-7000-8000-000000000c02',
  kind: 'material',
  title: 'Infografis Festival Bidar',
  body: 'Infografis jadwal Festival Bidar.',
  released_on: '2026-04-10',
  version: 1,
};

export const leaflet: ContentAttachment = {
  id: '0190f7a0-0000-7000-8000-000000000d01',
  content_item_id: release.id,
  file_name: 'siaran-pers.pdf',
  file_size: 2 * 1024 * 1024,
  file_type: 'pdf',
  sha256: 'a'.repeat(64),
  created_at: '2026-02-20T03:00:00Z',
  uploaded_by: writer.id,
};

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/** The fake server with the items above, as `who`, answering `handle` first. */
export function contentServer({
  handle = () => undefined,
  who = writer,
  items = [release, material],
  attachments = [leaflet],
}: { handle?: (request: Seen) => Response | undefined; who?: object; items?: ContentItem[]; attachments?: ContentAttachment[] } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/content-items') return json(200, page(items));
    for (const item of items) {
      if (path === `/api/v1/content-items/${item.id}`) return json(200, item, { ETag: `"${item.version}"` });
      if (path === `/api/v1/content-items/${item.id}/attachments`) return json(200, attachments.filter((attachment) => attachment.content_item_id === item.id));
    }
    return undefined;
  });
}
