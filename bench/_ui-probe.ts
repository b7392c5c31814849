/**
 * In-page probe for bench/ui.ts, measured with the Performance API in the
 * page itself. Kept as plain JavaScript text: functions handed to
 * page.evaluate are serialized, and tsx's transform may add helpers to them
 * that do not exist in the page.
 *
 * window.__ddArm(query) arms one sample before a keystroke; window.__ddWait
 * then resolves when the result count and the first row show the new query
 * and two animation frames have passed (the second runs after the frame
 * holding the new rows was painted; the grid's data-shown attribute names the
 * filter its rows answer), with rpcMs: when the new first page's
 * answer arrived, from Resource Timing. The keystroke time is the capture-phase
 * keydown on the search box. window.__ddScroll(index) scrolls the grid so
 * that row `index` is at the top and resolves when that row's data is painted.
 */
export const UI_PROBE = String.raw`(() => {
  const w = window;
  if (w.__ddArm) return;
  const countEl = () => document.querySelector('[data-testid="result-count"]');
  const grid = () => document.querySelector('[data-testid="domain-grid"]');
  const firstRow = () => grid() && grid().querySelector('.grid-row[aria-rowindex="1"]');
  const countOf = () => { const d = ((countEl() && countEl().textContent) || '').replace(/[^0-9]/g, ''); return d === '' ? -1 : Number(d); };
  const afterPaint = (fn) => requestAnimationFrame(() => requestAnimationFrame(fn));
  let t0 = 0;
  performance.setResourceTimingBufferSize(10000);
  document.addEventListener('keydown', (e) => {
    if (e.target && e.target.dataset && e.target.dataset.testid === 'search') { t0 = performance.now(); performance.mark('dd-keystroke'); }
  }, true);
  w.__ddArm = (query, timeoutMs) => {
    const q = query.trim().toLowerCase();
    const beforeText = (countEl() && countEl().textContent) || '';
    const r0 = firstRow();
    const hadRow = !!r0 && r0.hasAttribute('data-name');
    let reset = false;
    let done = false;
    performance.clearResourceTimings();
    w.__ddWait = new Promise((resolve) => {
      const check = () => {
        if (done) return;
        const row = firstRow();
        const rowNamed = !!row && row.hasAttribute('data-name');
        const text = (countEl() && countEl().textContent) || '';
        // The grid names the filter its rows answer (data-shown); older builds showed skeletons or a new count instead.
        const shownAttr = grid() && grid().getAttribute('data-shown');
        if (shownAttr) {
          const shownSearch = ((JSON.parse(shownAttr)[0] || {}).search || '').toLowerCase();
          reset = shownSearch === q;
        } else if (text !== beforeText || (hadRow && !rowNamed)) reset = true;
        if (!reset) return;
        const n = countOf();
        let ok = false;
        if (n === 0) ok = !grid().querySelector('.grid-row[data-name]');
        else if (n > 0 && rowNamed) {
          const name = row.getAttribute('data-name');
          ok = q === '' || name.includes(q) || row.textContent.toLowerCase().includes(q);
        }
        if (!ok) return;
        done = true;
        obs.disconnect();
        clearTimeout(timer);
        afterPaint(() => {
          const t1 = performance.now();
          performance.measure('dd-keystroke-to-paint', { start: t0, end: t1 });
          // Where the time went: when the answer to the new first page (domains.query) arrived.
          const rpc = performance.getEntriesByType('resource').find((e) => e.name.includes('/rpc/domains.query') && e.startTime >= t0);
          resolve({ ms: t1 - t0, count: n, first: rowNamed ? row.getAttribute('data-name') : null, rpcMs: rpc ? rpc.responseEnd - t0 : null });
        });
      };
      const obs = new MutationObserver(check);
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-name', 'data-shown'] });
      const timer = setTimeout(() => { done = true; obs.disconnect(); resolve({ ms: null, count: countOf(), first: null, rpcMs: null }); }, timeoutMs);
    });
  };
  w.__ddScroll = (index, timeoutMs) => new Promise((resolve) => {
    const g = grid();
    const sample = g.querySelector('.grid-row');
    const rowHeight = sample ? sample.getBoundingClientRect().height : 28;
    const selector = '.grid-row[aria-rowindex="' + (index + 1) + '"][data-name]';
    let done = false;
    const finish = (ms) => { if (done) return; done = true; obs.disconnect(); clearTimeout(timer); resolve(ms); };
    const check = () => {
      if (done || !g.querySelector(selector)) return;
      afterPaint(() => {
        const t1 = performance.now();
        performance.measure('dd-scroll-to-row', { start, end: t1 });
        finish(t1 - start);
      });
      obs.disconnect();
    };
    const obs = new MutationObserver(check);
    obs.observe(g, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-name', 'aria-rowindex'] });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const start = performance.now();
    performance.mark('dd-scroll');
    g.scrollTop = index * rowHeight;
  });
})()`;
