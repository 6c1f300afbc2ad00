// Issue 18's device-scale measures, for one size (run by `server/benches/device.rs`, itself run
// by `cargo xtask bench-device`): the Huye supervisor signs in on a new browser against a server
// holding MENTORA_BENCH_RECORDS mentee records in the district, and this measures
//   - the initial sync: time from the first /api/sync request to the badge saying Synced with
//     no request under way, the number of requests and their body bytes (no slowdown: loopback);
//   - at 4× CPU slowdown (`Emulation.setCPUThrottlingRate`), offline: a cold start (reload) to the
//     first card of one facility's mentee list, not counting the time spent typing the PIN;
//     a search for one name until the list shows that one card; the dashboard from its link on
//     My places until its headline figures show;
//   - renderer memory (private memory of this browser's renderer processes, the largest, sampled
//     after each step), the JS heap (`Performance.getMetrics`) and IndexedDB's size
//     (`navigator.storage.estimate()`).
// Prints progress lines and one `DEVICE {json}` line. A measurement: nothing here asserts on times.
import { readdirSync, readFileSync } from 'node:fs';
import { launchBrowser, waitForApp } from '../lib/harness.mjs';
import { PIN, signIn, choosePlace, badge, go } from '../lib/flows.mjs';

const url = process.env.MENTORA_BENCH_URL;
const records = Number(process.env.MENTORA_BENCH_RECORDS);
const facility = process.env.MENTORA_BENCH_FACILITY;
const searches = (process.env.MENTORA_BENCH_SEARCH || '').split('\n').filter(Boolean);
const RUNS = 3;
const SLOWDOWN = Number(process.env.MENTORA_BENCH_SLOWDOWN || 4);
const LONG = { timeout: Number(process.env.MENTORA_BENCH_TIMEOUT_MS || 600000) };

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const mib = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
const log = (line) => console.log(`[${records}] ${line}`);

/** Private memory in bytes of each Chromium renderer process started (indirectly) by this node process. */
function rendererRss() {
  const parent = new Map();
  const renderers = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(pid);
    } catch { /* the process ended meanwhile */ }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p && p !== '0' && hops < 20; p = parent.get(p), hops++) {
      if (p === String(process.pid)) return true;
    }
    return false;
  };
  return renderers.filter(ours).map((pid) => {
    try {
      // Private pages (what the process alone holds), not RSS, which counts Chromium's shared code.
      return readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n')
        .filter((l) => /^Private_(Clean|Dirty):/.test(l))
        .reduce((sum, l) => sum + Number(l.split(/\s+/)[1]) * 1024, 0);
    } catch { return 0; }
  });
}

const tablet = await launchBrowser();
try {
  const page = await tablet.page();
  const sync = { requests: 0, inFlight: 0, up: 0, down: 0, first: null, last: null };
  page.on('request', (req) => {
    if (new URL(req.url()).pathname !== '/api/sync') return;
    sync.requests += 1;
    sync.inFlight += 1;
    sync.up += req.postDataBuffer()?.length ?? 0;
    sync.first ??= Date.now();
  });
  const done = async (req) => {
    if (new URL(req.url()).pathname !== '/api/sync') return;
    const sizes = await req.sizes().catch(() => null);
    sync.down += sizes?.responseBodySize ?? 0;
    sync.inFlight -= 1;
    sync.last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  await signIn(page, url, 'supervisor');
  await badge(page).getByText('Synced').waitFor(LONG);
  while (sync.inFlight > 0 || sync.requests === 0) await new Promise((r) => setTimeout(r, 100));
  const initial = { ...sync, ms: sync.last - sync.first };
  log(`initial sync: ${initial.ms} ms, ${initial.requests} requests, ${initial.down} B down, ${initial.up} B up`);
  // The badge says Synced when the last answer is applied; the received documents are then
  // written to IndexedDB in the background. Durable = IndexedDB stopped growing (polled every
  // 500 ms, quiet for 3 s), timed to its last growth.
  const idb = () => page.evaluate(async () => {
    const e = await navigator.storage.estimate();
    return e.usageDetails?.indexedDB ?? e.usage;
  });
  let [size, grewAt] = [await idb(), Date.now()];
  while (Date.now() - grewAt < 3000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await idb();
    if (now !== size) [size, grewAt] = [now, Date.now()];
  }
  initial.durableMs = grewAt - sync.first;
  log(`initial sync durable in IndexedDB ${initial.durableMs} ms after the first request`);

  await choosePlace(page, facility);
  const list = page.locator('[data-testid="mentee-list"] li');
  await list.first().waitFor(LONG);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const rss = [];
  const sample = () => rss.push(Math.max(0, ...rendererRss()));

  await page.context().setOffline(true);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  page.mentoraPin = null;
  const lock = page.getByTestId('lock-screen');
  const [toLock, toList, cold] = [[], [], []];
  for (let i = 0; i < RUNS; i++) {
    let started = Date.now();
    await page.reload();
    await lock.getByLabel('PIN', { exact: true }).waitFor(LONG);
    const a = Date.now() - started;
    await lock.getByLabel('PIN', { exact: true }).fill(PIN);
    started = Date.now();
    await lock.getByLabel('PIN', { exact: true }).press('Enter');
    await list.first().waitFor(LONG);
    const b = Date.now() - started;
    toLock.push(a);
    toList.push(b);
    cold.push(a + b);
    log(`cold start ${i + 1}: ${a} ms to the lock screen + ${b} ms from the PIN to the list`);
    sample();
  }
  const cards = await list.count();
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

  const searchTimes = [];
  for (const term of searches) {
    const ms = await page.evaluate(async (term) => {
      const input = document.querySelector('main input[type="search"]');
      const shows = (want) => {
        const cards = document.querySelectorAll('[data-testid="mentee-list"] li');
        return want ? cards.length === 1 && cards[0].textContent.includes(want) : cards.length > 1;
      };
      const until = (want, t0) => new Promise((resolve) => {
        const check = () => (shows(want) ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
        check();
      });
      const t0 = performance.now();
      input.value = term;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const took = await until(term, t0);
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await until(null, performance.now());
      return Math.round(took);
    }, term);
    searchTimes.push(ms);
    log(`search ${term}: ${ms} ms`);
  }
  sample();

  const dashboards = [];
  for (let i = 0; i < RUNS; i++) {
    await go(page, 'My places');
    const link = page.getByRole('link', { name: 'Dashboard: figures, tables and trends' });
    await link.waitFor(LONG);
    const started = Date.now();
    await link.click();
    await page.getByTestId('headline').waitFor(LONG);
    dashboards.push(Date.now() - started);
    sample();
    await go(page, 'Mentees');
    await list.first().waitFor(LONG);
  }
  log(`dashboard: ${dashboards.join(', ')} ms`);

  // A long list shows a page and offers the next one ("Show more"); not a measure, a check that
  // the rest of the facility is reachable.
  const more = page.getByTestId('show-more');
  if (await more.count()) {
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="mentee-list"] li').length > n, cards, LONG);
    log(`"Show more" went from ${cards} to ${await list.count()} cards`);
  }

  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const storage = await page.evaluate(async () => navigator.storage.estimate());
  await waitForApp(page);
  const result = {
    records,
    sync_ms: initial.ms,
    sync_durable_ms: initial.durableMs,
    sync_requests: initial.requests,
    sync_bytes_down: initial.down,
    sync_bytes_up: initial.up,
    cold_start_ms: median(cold),
    to_lock_ms: median(toLock),
    unlock_to_list_ms: median(toList),
    cards,
    search_ms: median(searchTimes),
    dashboard_ms: median(dashboards),
    renderer_mib: mib(Math.max(...rss)),
    js_heap_mib: mib(metrics.JSHeapUsedSize ?? 0),
    dom_nodes: metrics.Nodes ?? null,
    indexeddb_mib: mib(storage.usageDetails?.indexedDB ?? storage.usage),
    runs: { cold, toLock, toList, search: searchTimes, dashboards, rss: rss.map(mib) },
  };
  console.log(`DEVICE ${JSON.stringify(result)}`);
} catch (err) {
  // Say where the app was, so a failed run can be told from a slow one.
  const page = await tablet.page();
  const said = await page.locator('main').innerText().catch(() => '(page unreadable)');
  console.error(`failed at ${page.url()}; the page said: …${said.slice(-600)}`);
  throw err;
} finally {
  await tablet.close();
}
