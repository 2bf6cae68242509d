import { api } from './client';
import { ApiError, isProblem } from './errors';
import type { FileType, ProblemCode } from './types';

/** Codes on a 401 that mean "get a new access token and try again", as the API client reads them. */
const RENEWABLE: ReadonlySet<string> = new Set<ProblemCode>(['token_expired', 'invalid_token']);

/** The media types a browser gives the files the API takes. */
export const FILE_MEDIA_TYPES: Readonly<Record<FileType, readonly string[]>> = {
  pdf: ['application/pdf'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  mp3: ['audio/mpeg'],
  mp4: ['video/mp4'],
};

/** The extensions the same files usually carry, for a file whose media type the browser does not know. */
const FILE_EXTENSIONS: Readonly<Record<FileType, readonly string[]>> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  mp3: ['.mp3'],
  mp4: ['.mp4'],
};

/** What a file input should offer for these types: `application/pdf,.pdf,...`. */
export function acceptFor(types: readonly FileType[]): string {
  return types.flatMap((type) => [...FILE_MEDIA_TYPES[type], ...FILE_EXTENSIONS[type]]).join(',');
}

/**
 * The type a picked file claims by its media type (or, lacking one, its name). Only a first
 * guess, to refuse an obvious mistake before sending a large file: the server judges the content.
 */
export function claimedType(file: File): FileType | null {
  const types = Object.keys(FILE_MEDIA_TYPES) as FileType[];
  if (file.type) return types.find((type) => FILE_MEDIA_TYPES[type].includes(file.type.toLowerCase())) ?? null;
  const name = file.name.toLowerCase();
  return types.find((type) => FILE_EXTENSIONS[type].some((extension) => name.endsWith(extension))) ?? null;
}

/** The refusals that concern an uploaded file itself, which a form shows on the file's field. */
export const FILE_PROBLEMS: ReadonlySet<string> = new Set<ProblemCode>([
  'file_type_not_allowed',
  'file_too_large',
  'file_empty',
  'file_truncated',
  'file_missing',
  'too_many_files',
]);

/** Why a picked file is refused before it is sent, as the problem code the server would answer. */
export function precheckFile(file: File, types: readonly FileType[], maxBytes: number): ProblemCode | null {
  if (file.size === 0) return 'file_empty';
  const type = claimedType(file);
  if (type === null || !types.includes(type)) return 'file_type_not_allowed';
  if (file.size > maxBytes) return 'file_too_large';
  return null;
}

interface Answer {
  status: number;
  body: unknown;
}

function send(path: string, form: FormData, token: string | null, onProgress: (fraction: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Looked up on each call so tests can stub it, as they stub fetch.
    const request = new globalThis.XMLHttpRequest();
    request.open('POST', path);
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = request.responseText ? (JSON.parse(request.responseText) as unknown) : null;
      } catch {
        // Not JSON: the status alone tells what happened.
      }
      resolve({ status: request.status, body });
    });
    request.addEventListener('error', () => {
      reject(new TypeError('The upload could not reach the server.'));
    });
    request.addEventListener('abort', () => {
      reject(new TypeError('The upload was interrupted.'));
    });
    request.send(form);
  });
}

/**
 * Sends a `multipart/form-data` form carrying a file to the API, reporting how much of it has
 * gone (0 to 1) while it uploads: fetch cannot report an upload's progress, XMLHttpRequest can.
 * Signed in as the API client is, renewing the access token once when it has expired. A refusal
 * is thrown as an ApiError, as the API client's calls throw them.
 */
export async function uploadForm<T>(path: string, form: FormData, onProgress: (fraction: number) => void = () => undefined): Promise<T> {
  let token = api.session.getAccessToken();
  if (token === null && (await api.refreshSession())) token = api.session.getAccessToken();
  let answer = await send(path, form, token, onProgress);
  if (answer.status === 401 && isProblem(answer.body) && RENEWABLE.has(answer.body.code) && (await api.refreshSession())) {
    onProgress(0);
    answer = await send(path, form, api.session.getAccessToken(), onProgress);
  }
  if (answer.status < 200 || answer.status >= 300) throw new ApiError(answer.status, isProblem(answer.body) ? answer.body : null);
  return answer.body as T;
}

/**
 * Hands a file fetched from the API to the browser to save under `name`. The API's file
 * operations need the access token, which a plain link cannot carry, so the file is fetched first.
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file over; the address is no longer needed once it has started.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
