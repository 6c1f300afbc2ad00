// (b) The manifest is valid, the service worker controls the page, and the server sends the right
// types, caching and compression headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installApp } from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function get(path, headers = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG', 'not a PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the manifest is installable: names, display, colours, start_url, lang and real icons', async () => {
  const { response, body } = await get('/manifest.webmanifest');
  assert.equal(response.status, 200);
  const manifest = JSON.parse(body.toString());
  assert.equal(manifest.name.startsWith('Mentora'), true);
  assert.equal(manifest.short_name, 'Mentora');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.lang, 'en');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  const sizes = new Set();
  for (const icon of manifest.icons) {
    assert.match(icon.src, /^\/assets\/icon-[\w-]+-[0-9a-f]{10}\.png$/, 'icons are content-hashed');
    const { response: r, body: png } = await get(icon.src);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    const [w, h] = pngSize(png);
    assert.equal(`${w}x${h}`, icon.sizes);
    sizes.add(`${icon.sizes}/${icon.purpose}`);
  }
  assert.ok(sizes.has('192x192/any') && sizes.has('512x512/any') && sizes.has('512x512/maskable'), [...sizes].join());
});

test('content types, cache headers and compression', async () => {
  const { response: index, body: html } = await get('/');
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.ok(index.headers.get('content-security-policy')?.includes("script-src 'self' 'wasm-unsafe-eval'"));
  assert.doesNotMatch(html.toString(), /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  const bootPath = html.toString().match(/\/assets\/boot-[0-9a-f]{10}\.js/)?.[0];
  assert.ok(bootPath, 'index.html names the hashed boot module');
  const { body: boot } = await get(bootPath);
  const wasmPath = boot.toString().match(/\/assets\/mentora_bg-[0-9a-f]{10}\.wasm/)?.[0];
  assert.ok(wasmPath, 'the boot module names the hashed wasm');

  const { response: wasm } = await get(wasmPath, { 'accept-encoding': 'br' });
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-encoding'), 'br');
  assert.equal(wasm.headers.get('cache-control'), 'public, max-age=31536000, immutable');

  const { response: gz } = await get(wasmPath, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');

  const { response: sw } = await get('/sw.js');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.match(sw.headers.get('content-type'), /javascript/);

  const { response: missingAsset } = await get('/assets/nothing-0000000000.js');
  assert.equal(missingAsset.status, 404);
});

test('healthz, JSON 404 for unknown api paths, and the shell for deep links', async () => {
  const { response: health, body } = await get('/healthz');
  assert.equal(health.status, 200);
  assert.equal(JSON.parse(body.toString()).status, 'ok');

  const { response: missing, body: error } = await get('/api/no/such/thing');
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /application\/json/);
  assert.deepEqual(JSON.parse(error.toString()).error.code, 'not_found');

  const { response: deep, body: shell } = await get('/some/deep/link');
  assert.equal(deep.status, 200);
  assert.match(shell.toString(), /<title>Mentora<\/title>/);
});

test('the service worker installs, precaches the shell and controls the page', async () => {
  const browser = await launchBrowser();
  try {
    const page = await installApp(browser, server.url);
    const cached = await page.evaluate(async () => {
      const cache = await caches.open('mentora-shell');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const pattern of [/mentora_bg-\w+\.wasm$/, /mentora-\w+\.js$/, /app-\w+\.css$/, /^\/index\.html$/, /icon-192-\w+\.png$/]) {
      assert.ok(cached.some((p) => pattern.test(p)), `${pattern} not precached: ${cached}`);
    }
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    assert.equal(typeof persisted, 'boolean');
    await page.goto(`${server.url}/settings`);
    await page.getByTestId('storage-persisted').waitFor();
  } finally {
    await browser.close();
  }
});
