import { fakeUploads } from '../test/upload';
import { problem, tokenPair } from '../test/http';
import { api } from './client';
import { ApiError } from './errors';
import { acceptFor, claimedType, precheckFile, uploadForm } from './files';

afterEach(() => {
  api.session.clear(null);
});

const file = (name: string, type: string, size = 10) => new File(['x'.repeat(size)], name, { type });

describe('picked files', () => {
  it('offer the media types and extensions of the types asked for', () => {
    expect(acceptFor(['pdf', 'png'])).toBe('application/pdf,.pdf,image/png,.png');
  });

  it('claim a type by their media type, or by their name when the browser gives none', () => {
    expect(claimedType(file('scan.bin', 'image/jpeg'))).toBe('jpeg');
    expect(claimedType(file('surat.PDF', ''))).toBe('pdf');
    expect(claimedType(file('surat.docx', ''))).toBeNull();
  });

  it('are refused before sending when empty, of another type or too large', () => {
    expect(precheckFile(file('a.pdf', 'application/pdf', 0), ['pdf'], 100)).toBe('file_empty');
    expect(precheckFile(file('a.png', 'image/png'), ['pdf'], 100)).toBe('file_type_not_allowed');
    expect(precheckFile(file('a.pdf', 'application/pdf', 101), ['pdf'], 100)).toBe('file_too_large');
    expect(precheckFile(file('a.pdf', 'application/pdf', 100), ['pdf'], 100)).toBeNull();
  });
});

describe('uploadForm', () => {
  it('reports progress and answers the created record', async () => {
    api.session.setTokens(tokenPair('access-1'));
    const uploads = fakeUploads();
    const progress: number[] = [];
    const done = uploadForm<{ id: string }>('/api/v1/things', new FormData(), (fraction) => progress.push(fraction));
    await vi.waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    expect(uploads[0]!.headers.Authorization).toBe('Bearer access-1');
    uploads[0]!.progress(0.5);
    uploads[0]!.respond(201, { id: 'new' });
    await expect(done).resolves.toEqual({ id: 'new' });
    expect(progress).toEqual([0.5]);
  });

  it('renews an expired access token once and sends the form again', async () => {
    api.session.setTokens(tokenPair('access-old'));
    const renewed = vi.spyOn(api, 'refreshSession').mockImplementation(() => {
      api.session.setTokens(tokenPair('access-new'));
      return Promise.resolve(true);
    });
    const uploads = fakeUploads();
    const done = uploadForm('/api/v1/things', new FormData());
    await vi.waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    uploads[0]!.respond(401, JSON.parse(await problem(401, 'token_expired').text()));
    await vi.waitFor(() => {
      expect(uploads).toHaveLength(2);
    });
    expect(uploads[1]!.headers.Authorization).toBe('Bearer access-new');
    uploads[1]!.respond(201, {});
    await expect(done).resolves.toEqual({});
    expect(renewed).toHaveBeenCalledTimes(1);
  });

  it('throws a refusal as an ApiError with its problem', async () => {
    api.session.setTokens(tokenPair('access-1'));
    const uploads = fakeUploads();
    const done = uploadForm('/api/v1/things', new FormData());
    await vi.waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    uploads[0]!.respond(413, JSON.parse(await problem(413, 'file_too_large').text()));
    const error: unknown = await done.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('file_too_large');
    expect((error as ApiError).status).toBe(413);
  });
});
