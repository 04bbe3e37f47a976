import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, type UpdateNotice } from '../../../src/platform/service-worker';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A service worker as the page sees it: a state, statechange events, and the messages posted to it. */
class FakeWorker extends EventTarget {
  readonly posted: unknown[] = [];
  constructor(public state: string) {
    super();
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

/** navigator.serviceWorker with a registration whose `installing` and `waiting` the test sets. */
function fakeContainer(controller: object | null, waiting: FakeWorker | null = null) {
  const reg = Object.assign(new EventTarget(), { installing: null as FakeWorker | null, waiting });
  const container = Object.assign(new EventTarget(), { controller, register: vi.fn(async () => reg) });
  vi.stubGlobal('navigator', { serviceWorker: container });
  return { reg, container };
}

describe('registerServiceWorker', () => {
  it('registers /sw.js and says nothing on a first install (no older version controls the page)', async () => {
    const { reg, container } = fakeContainer(null);
    const notices: UpdateNotice[] = [];
    registerServiceWorker((n) => notices.push(n));
    await vi.waitFor(() => expect(container.register).toHaveBeenCalledWith('/sw.js'));
    const first = new FakeWorker('installing');
    reg.installing = first;
    reg.dispatchEvent(new Event('updatefound'));
    first.become('installed');
    expect(notices).toHaveLength(0);
  });

  it('announces a new version installed under an older one, and lets it take over when asked', async () => {
    const { reg, container } = fakeContainer({});
    const notices: UpdateNotice[] = [];
    registerServiceWorker((n) => notices.push(n));
    await vi.waitFor(() => expect(container.register).toHaveBeenCalled());
    await Promise.resolve(); // the registration's listeners are added once register() resolves
    const next = new FakeWorker('installing');
    reg.installing = next;
    reg.dispatchEvent(new Event('updatefound'));
    expect(notices).toHaveLength(0); // not before it is installed
    next.become('installed');
    expect(notices).toHaveLength(1);
    notices[0]!.takeOver();
    expect(next.posted).toEqual(['take-over']);
  });

  it('announces a version already waiting at load, and does nothing without service workers', async () => {
    fakeContainer({}, new FakeWorker('installed'));
    const notices: UpdateNotice[] = [];
    registerServiceWorker((n) => notices.push(n));
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    vi.stubGlobal('navigator', {});
    expect(() => registerServiceWorker(() => {})).not.toThrow();
  });
});
