// (d) Deploy a changed asset: after an online reload the new version is active, and the upgrade
// fetched only the files that changed (the wasm and the JS are not downloaded again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, appendFileSync, rmSync } from 'node:fs';
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
    }, { what: 'the new version to install and take over' });

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
