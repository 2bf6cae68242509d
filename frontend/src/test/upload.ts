import { act } from '@testing-library/react';

/** An upload as a fake server received it, held open until the test answers it. */
export interface HeldUpload {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: FormData;
  /** Reports that this much of the upload (0 to 1) has gone. */
  progress: (fraction: number) => void;
  /** Answers the upload; a body that is not a string is sent as JSON. */
  respond: (status: number, body?: unknown) => void;
}

/**
 * Stubs XMLHttpRequest, which uploads use to report their progress (fetch cannot), with one that
 * keeps every request it is sent for the test to move along and answer. Returns them, in order.
 */
export function fakeUploads(): HeldUpload[] {
  const held: HeldUpload[] = [];

  class FakeXMLHttpRequest {
    readonly upload = new EventTarget();
    status = 0;
    responseText = '';
    private readonly events = new EventTarget();
    private method = '';
    private url = '';
    private readonly headers: Record<string, string> = {};

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }

    addEventListener(type: string, listener: EventListener) {
      this.events.addEventListener(type, listener);
    }

    send(body: FormData) {
      held.push({
        method: this.method,
        url: this.url,
        headers: this.headers,
        body,
        progress: (fraction) => {
          act(() => {
            this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded: fraction * 1000, total: 1000 }));
          });
        },
        respond: (status, answer) => {
          this.status = status;
          this.responseText = answer === undefined ? '' : typeof answer === 'string' ? answer : JSON.stringify(answer);
          act(() => {
            this.events.dispatchEvent(new Event('load'));
          });
        },
      });
    }
  }

  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return held;
}
