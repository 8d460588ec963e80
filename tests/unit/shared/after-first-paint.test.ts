// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstFrame, afterFirstPaint } from '@/utils/shared/after-first-paint';

/** A page whose paints the test reports, one `paint()` at a time. */
function fakePage({ visible = true, paintsReported = true, paintedAlready = false } = {}) {
  const entries: string[] = paintedAlready ? ['first-paint', 'first-contentful-paint'] : [];
  const observers = new Set<FakeObserver>();
  class FakeObserver {
    static supportedEntryTypes = paintsReported ? ['paint', 'navigation'] : ['navigation'];
    constructor(private readonly callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
    observe() {
      observers.add(this);
    }
    disconnect() {
      observers.delete(this);
    }
    deliver(name: string) {
      this.callback({ getEntriesByName: (wanted) => (wanted === name ? [{ name }] : []) });
    }
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  vi.spyOn(performance, 'getEntriesByName').mockImplementation(
    (name) => entries.filter((entry) => entry === name).map((entry) => ({ name: entry })) as never,
  );
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(visible ? 'visible' : 'hidden');
  return {
    observers,
    paint(name: string) {
      entries.push(name);
      for (const observer of [...observers]) observer.deliver(name);
    },
  };
}

/** Whether the promise settled within the microtasks queued so far. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('afterFirstPaint', () => {
  it('waits for the first contentful paint, not for the first paint of a bare background', async () => {
    const page = fakePage();
    const waiting = afterFirstPaint();
    expect(await settled(waiting)).toBe(false);
    page.paint('first-paint');
    expect(await settled(waiting)).toBe(false);
    page.paint('first-contentful-paint');
    expect(await settled(waiting)).toBe(true);
    expect(page.observers.size).toBe(0);
  });

  it('does not wait when the page has painted already, is hidden, or paints are not reported', async () => {
    for (const options of [{ paintedAlready: true }, { visible: false }, { paintsReported: false }]) {
      const page = fakePage(options);
      expect(await settled(afterFirstPaint()), JSON.stringify(options)).toBe(true);
      expect(page.observers.size).toBe(0);
      vi.restoreAllMocks();
    }
  });

  it('never waits longer than it was told to', async () => {
    vi.useFakeTimers();
    const page = fakePage();
    const waiting = afterFirstPaint(100);
    await vi.advanceTimersByTimeAsync(99);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
    expect(page.observers.size).toBe(0);
  });
});

describe('afterFirstFrame', () => {
  /** A page whose frames the test draws, one `frame()` at a time. */
  function framedPage(options: Parameters<typeof fakePage>[0] = {}) {
    vi.useFakeTimers();
    const page = fakePage(options);
    let callbacks: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => callbacks.push(callback));
    return {
      ...page,
      frame() {
        const due = callbacks;
        callbacks = [];
        for (const callback of due) callback(performance.now());
      },
    };
  }

  it('starts just after the first frame is drawn, not before, and once', async () => {
    const page = framedPage();
    const start = vi.fn();
    afterFirstFrame(start);
    await vi.advanceTimersByTimeAsync(20);
    expect(start).not.toHaveBeenCalled();
    // The frame's callbacks run before it is drawn: the start comes in a task after them.
    page.frame();
    expect(start).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts at once when the page is hidden or has painted already', () => {
    for (const options of [{ visible: false }, { paintedAlready: true }]) {
      framedPage(options);
      const start = vi.fn();
      afterFirstFrame(start);
      expect(start, JSON.stringify(options)).toHaveBeenCalledTimes(1);
      vi.restoreAllMocks();
    }
  });

  it('never waits longer than it was told to for a frame that does not come', async () => {
    framedPage();
    const start = vi.fn();
    afterFirstFrame(start, 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(start).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(start).toHaveBeenCalledTimes(1);
  });
});
