// (d) Deploy a changed asset: after an online reload the new version is active, and the upgrade
// fetched only the files that changed (the wasm and the JS are not downloaded again). A few
// changed strings in the wasm download as a delta against the installed version (Compression
// Dictionary Transport, server/src/deltas.rs): at most 100 KB in all, while a browser without the
// old version gets the whole file. A file that does not match its SHA-256 fails the install and
// the old version stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, appendFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { env, tempDir, startServer, launchBrowser, waitForApp, installApp, runXtask, pollUntil } from '../lib/harness.mjs';
import { signIn, choosePlace } from '../lib/flows.mjs';

test('an upgrade fetches only changed files and activates without losing data', async () => {
  const work = tempDir('deploy');
  const staging = join(work, 'staging');
  const site = join(work, 'site');
  cpSync(env('MENTORA_SITE_STAGING'), staging, { recursive: true });
  runXtask(['stamp', staging, site]);

  const server = await startServer({ siteDir: site });
  const browser = await launchBrowser();
  try {
    const page = await installApp(browser, server.url);
    // Something the user did before the upgrade, kept by the browser.
    await signIn(page, server.url, 'supervisor');
    await choosePlace(page, 'Rango Health Centre');
    const marker = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--deploy-marker').trim());
    assert.equal(await marker(), '');

    // Deploy: one stylesheet changes.
    appendFileSync(join(staging, 'assets', 'app.css'), '\n:root { --deploy-marker: "v2"; }\n');
    runXtask(['stamp', staging, site]);
    const mark = server.log.length;

    await page.reload();
    await waitForApp(page);
    // The new worker installs in the background, then takes over.
    await pollUntil(page, async () => {
      const cache = await caches.open('mentora-shell');
      const css = (await cache.keys()).map((k) => k.url).filter((u) => u.includes('/assets/app-'));
      const reg = await navigator.serviceWorker.getRegistration();
      const current = new URL(document.querySelector('link[rel=stylesheet]').href).pathname;
      return reg && !reg.installing && !reg.waiting && reg.active?.state === 'activated' &&
        navigator.serviceWorker.controller === reg.active && css.length === 1 && !css[0].endsWith(current);
    }, { what: 'the new version to install and take over', timeout: 90000 });

    await page.reload();
    await waitForApp(page);
    assert.equal(await marker(), '"v2"', 'the new stylesheet is active');
    await page.getByTestId('header-place').getByText('Rango Health Centre').waitFor();

    const fetched = server.requestsSince(mark).map((r) => r.path);
    const assets = fetched.filter((p) => p.startsWith('/assets/'));
    assert.equal(assets.length, 1, `only the changed stylesheet is downloaded, got ${assets}`);
    assert.match(assets[0], /^\/assets\/app-[0-9a-f]{10}\.css$/);
    assert.ok(fetched.includes('/sw.js'), `the browser checked for a new worker: ${fetched}`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

/** Replaces each `[from, to]` (same UTF-8 length, found exactly once) in the staged wasm. */
function patchWasm(staging, changes) {
  const path = join(staging, 'assets', 'mentora_bg.wasm');
  const wasm = readFileSync(path);
  for (const [from, to] of changes) {
    const [a, b] = [Buffer.from(from), Buffer.from(to)];
    assert.equal(a.length, b.length, `${from} and ${to} must be as long in UTF-8`);
    const at = wasm.indexOf(a);
    assert.ok(at >= 0 && wasm.indexOf(a, at + 1) < 0, `${from} must be in the wasm once`);
    b.copy(wasm, at);
  }
  writeFileSync(path, wasm);
}

/** The hashed wasm of a stamped site: its URL path and bytes. */
function siteWasm(site) {
  const name = readdirSync(join(site, 'assets')).find((n) => /^mentora_bg-[0-9a-f]{10}\.wasm$/.test(n));
  return { path: `/assets/${name}`, bytes: readFileSync(join(site, 'assets', name)), file: join(site, 'assets', name) };
}

/** GET `path` from the server with `headers`, without decoding: status, headers, raw body. */
function rawGet(url, path, headers) {
  return new Promise((resolve, reject) => {
    http.get(`${url}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('a few changed strings in the wasm download as a delta of at most 100 KB; a browser without the old version gets the whole file', async () => {
  const work = tempDir('delta');
  const staging = join(work, 'staging');
  const site = join(work, 'site');
  cpSync(env('MENTORA_SITE_STAGING'), staging, { recursive: true });
  runXtask(['stamp', staging, site]);
  const old = siteWasm(site);

  const server = await startServer({ siteDir: site });
  const browser = await launchBrowser();
  let fresh;
  try {
    const page = await installApp(browser, server.url);
    await signIn(page, server.url, 'supervisor');
    await choosePlace(page, 'Rango Health Centre');
    const html = () => page.evaluate(() => document.documentElement.outerHTML);
    assert.ok((await html()).includes('Skip to content'), 'the string to change is on the page');

    // Deploy: three UI strings change in the wasm, nothing else.
    patchWasm(staging, [
      ['Skip to content', 'Skip to CONTENT'],
      ['Main navigation', 'Main NAVIGATION'],
      ['Current place', 'Current PLACE'],
    ]);
    runXtask(['stamp', staging, site]);
    const next = siteWasm(site);
    assert.notEqual(next.path, old.path);
    const mark = server.log.length;

    await page.reload();
    await waitForApp(page);
    // 90 s, not the default 30: with another spec running beside it the new worker fetched,
    // decoded and checked the wasm too slowly once (a wait, not a speed check).
    await pollUntil(page, async (wasm) => {
      const cache = await caches.open('mentora-shell');
      const urls = (await cache.keys()).map((k) => new URL(k.url).pathname);
      const reg = await navigator.serviceWorker.getRegistration();
      return reg && !reg.installing && !reg.waiting && reg.active?.state === 'activated' &&
        navigator.serviceWorker.controller === reg.active && urls.includes(wasm);
    }, { what: 'the new version to install and take over', arg: next.path, timeout: 90000 });
    await page.reload();
    await waitForApp(page);
    assert.ok((await html()).includes('Skip to CONTENT'), 'the new wasm runs');
    assert.ok(!(await html()).includes('Skip to content'));
    await page.getByTestId('header-place').getByText('Rango Health Centre').waitFor();

    // What the upgrade downloaded: every app file since the deploy, as sent (compressed).
    const files = server.requestsSince(mark).filter((r) => !r.path.startsWith('/api/'));
    const unknown = files.filter((r) => r.bytes === null);
    assert.deepEqual(unknown, [], 'every file\'s size is known');
    const total = files.reduce((sum, r) => sum + r.bytes, 0);
    const wasm = files.filter((r) => r.path === next.path);
    assert.equal(wasm.length, 1, `the new wasm is downloaded once: ${JSON.stringify(files)}`);
    const full = statSync(`${next.file}.br`).size;
    assert.ok(full > 500_000, `the whole wasm is ${full} bytes brotli`);
    assert.ok(total <= 100 * 1024, `the upgrade downloaded ${total} bytes: ${JSON.stringify(files)}`);
    console.log(`upgrade downloaded ${total} bytes (wasm ${wasm[0].bytes} of ${full} brotli): ${JSON.stringify(files)}`);

    // The server's answers, seen raw: the delta for the old version's hash, the whole file for a
    // hash it has no delta against or without one.
    const hash = createHash('sha256').update(old.bytes).digest();
    const accept = 'gzip, deflate, br, zstd, dcb, dcz';
    const delta = await rawGet(server.url, next.path, { 'accept-encoding': accept, 'available-dictionary': `:${hash.toString('base64')}:` });
    assert.equal(delta.headers['content-encoding'], 'dcz');
    assert.deepEqual([...delta.body.subarray(0, 8)], [0x5e, 0x2a, 0x4d, 0x18, 0x20, 0, 0, 0]);
    assert.ok(delta.body.subarray(8, 40).equals(hash), 'the delta names its dictionary');
    assert.match(delta.headers.vary, /available-dictionary/);
    const other = createHash('sha256').update('another version').digest('base64');
    for (const headers of [{ 'accept-encoding': accept, 'available-dictionary': `:${other}:` }, { 'accept-encoding': accept }]) {
      const whole = await rawGet(server.url, next.path, headers);
      assert.equal(whole.headers['content-encoding'], 'br', JSON.stringify(headers));
      assert.equal(whole.body.length, full, JSON.stringify(headers));
      assert.equal(whole.headers['use-as-dictionary'], 'match="/assets/mentora_bg-*.wasm"');
    }

    // A browser that never had the old version downloads the whole wasm.
    fresh = await launchBrowser();
    const freshMark = server.log.length;
    const otherPage = await installApp(fresh, server.url);
    assert.ok((await otherPage.evaluate(() => document.documentElement.outerHTML)).includes('Skip to CONTENT'));
    const freshWasm = server.requestsSince(freshMark).filter((r) => r.path === next.path && r.status === 200);
    assert.ok(freshWasm.length >= 1 && freshWasm.every((r) => r.bytes === full), `the whole file: ${JSON.stringify(freshWasm)} vs ${full}`);
  } finally {
    await fresh?.close();
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a file that does not match its SHA-256 fails the install and the old version stays active', async () => {
  const work = tempDir('integrity');
  const staging = join(work, 'staging');
  const site = join(work, 'site');
  cpSync(env('MENTORA_SITE_STAGING'), staging, { recursive: true });
  runXtask(['stamp', staging, site]);

  const server = await startServer({ siteDir: site });
  const browser = await launchBrowser();
  try {
    const page = await installApp(browser, server.url);
    const version = () => page.evaluate(() => new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data.version), { once: true });
      navigator.serviceWorker.controller.postMessage('version');
    }));
    const before = await version();
    const marker = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--deploy-marker').trim());

    // Deploy a changed stylesheet, then damage it on the server: its bytes no longer match the
    // SHA-256 in the new worker's list.
    appendFileSync(join(staging, 'assets', 'app.css'), '\n:root { --deploy-marker: "v2"; }\n');
    runXtask(['stamp', staging, site]);
    const css = readdirSync(join(site, 'assets')).find((n) => /^app-[0-9a-f]{10}\.css$/.test(n));
    const path = join(site, 'assets', css);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"v2"', '"XX"'));
    rmSync(`${path}.br`);
    rmSync(`${path}.gz`);
    const mark = server.log.length;

    await page.reload();
    await waitForApp(page);
    // The new worker fetches the damaged file, then its install ends (fails).
    for (const deadline = Date.now() + 30000; !server.requestsSince(mark).some((r) => r.path === `/assets/${css}`);) {
      assert.ok(Date.now() < deadline, 'the new worker fetched the damaged file');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await pollUntil(page, async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg && !reg.installing && !reg.waiting;
    }, { what: 'the new worker to finish installing or fail', timeout: 90000 });
    assert.equal(await version(), before, 'the old worker is still in charge');
    await page.reload();
    await waitForApp(page);
    assert.equal(await marker(), '', 'the old stylesheet is still the one used');
  } finally {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
