// A returning connection is noticed quickly while the app is in front of someone: the server
// goes away while the browser still says "online" (Wi-Fi without internet, a restart), the
// mentor keeps working, and once it is back the app syncs as soon as the page is looked at
// again, instead of sleeping through a long backoff.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';

let server;
after(async () => { await server?.stop(); });

test('the server stops and comes back while the page stays online; focus syncs at once', async () => {
  server = await startServer();
  const port = Number(new URL(server.url).port);
  const tablet = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await syncNow(page);
    await go(page, 'Mentees');

    await server.stop();
    await register(page, 'Vestine Mukeshimana', 'Nurse');
    // The sync after the save fails: shown as offline with the change waiting, retried with a
    // growing backoff (about 1, 2, 4, 8 s...).
    await badge(page).getByText('Offline · 1 change waiting').waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => navigator.onLine), true, 'the browser still says online');
    await new Promise((resolve) => setTimeout(resolve, 15000));

    server = await startServer({ dataDir: server.dataDir, port });
    const mark = server.log.length;
    // Looking at the app again (focus) retries at once, well before the pending backoff.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await badge(page).getByText('Synced').waitFor({ timeout: 5000 });
    assert.ok(server.requestsSince(mark).some((r) => r.path === '/api/sync' && r.status === 200));
    assert.deepEqual(unexpectedErrors(tablet), []);
  } finally {
    await tablet.close();
  }
});
