/**
 * Resolves once the page's first contentful paint is on screen: for work the first frame does not
 * need, which would otherwise run while that frame is still being drawn. On a two-core machine the
 * journal's loading of every entry (script, database, chunk requests) ran beside the rasterising of
 * its first page and held it back.
 *
 * Never waits long: a page that is hidden is not painted at all, a browser may not report paints,
 * and a page may already have painted (resolved at once).
 */
export function afterFirstPaint(maxWaitMs = 100): Promise<void> {
  const painted = () => globalThis.performance?.getEntriesByName?.('first-contentful-paint').length > 0;
  const paintsReported = globalThis.PerformanceObserver?.supportedEntryTypes?.includes('paint');
  if (painted() || !paintsReported || globalThis.document?.visibilityState !== 'visible')
    return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) done();
    });
    const timer = setTimeout(done, maxWaitMs);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe({ type: 'paint' });
  });
}
