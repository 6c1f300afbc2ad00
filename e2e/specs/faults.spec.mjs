// Sync through a faulty network: a proxy between the tablet and the real server resets
// connections, loses answers after the server stored the push, cuts answers mid-body, delays and
// duplicates requests. The tablet retries by itself; in the end the tablet, the server and a second
// device hold every record, each once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForServiceWorker } from '../lib/harness.mjs';
import { startFaultProxy } from '../lib/fault-proxy.mjs';
import { badge, signIn, choosePlace, register, syncNow, go, unexpectedErrors } from '../lib/flows.mjs';

let server;
let proxy;
after(async () => {
  await proxy?.close();
  await server?.stop();
});

const FAULTS = ['reset', 'lost-answer', 'cut', 'duplicate', { kind: 'delay', ms: 4000 }];
const nameFor = (fault) => `Fault ${typeof fault === 'string' ? fault : fault.kind} Mukamana`;

/** How many rows of the mentee list name `name`. */
const rowsNamed = (page, name) => page.getByTestId('mentee-list').locator('li', { hasText: name }).count();

test('every fault on the way heals by retrying; nothing is lost or stored twice', async () => {
  server = await startServer();
  proxy = await startFaultProxy(server.url);
  const tablet = await launchBrowser();
  const other = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, proxy.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await syncNow(page);
    await go(page, 'Mentees');

    // Each record's save starts a sync that meets one fault; the tablet retries until synced.
    for (const fault of FAULTS) {
      proxy.inject(fault);
      await register(page, nameFor(fault), 'Nurse');
      await badge(page).getByText('Synced').waitFor({ timeout: 30000 });
      assert.equal(proxy.pending(), 0, `the ${nameFor(fault)} sync met its fault`);
    }
    assert.deepEqual(
      proxy.seen().filter((kind) => kind !== 'none'),
      FAULTS.map((f) => (typeof f === 'string' ? f : f.kind)),
    );

    // A second device, straight to the server, receives every record once.
    const second = await other.page();
    await signIn(second, server.url, 'mentor');
    await choosePlace(second, 'Rango Health Centre');
    for (const fault of FAULTS) {
      await second.getByTestId('mentee-list').getByText(nameFor(fault)).waitFor({ timeout: 30000 });
      assert.equal(await rowsNamed(second, nameFor(fault)), 1, `${nameFor(fault)} once on the second device`);
    }

    // What the second device records comes down through a cut answer, then a lost one.
    await register(second, 'Download Uwimana', 'Midwife');
    await badge(second).getByText('Synced').waitFor({ timeout: 30000 });
    proxy.inject('cut', 'lost-answer');
    await syncNow(page);
    await go(page, 'Mentees');
    await page.getByTestId('mentee-list').getByText('Download Uwimana').waitFor({ timeout: 30000 });
    for (const name of [...FAULTS.map(nameFor), 'Download Uwimana']) {
      assert.equal(await rowsNamed(page, name), 1, `${name} once on the tablet`);
    }

    // The tablet restarts (everything it showed was stored) and has nothing left to send.
    await page.reload();
    await go(page, 'Mentees');
    await page.getByTestId('mentee-list').getByText('Download Uwimana').waitFor({ timeout: 30000 });
    await badge(page).getByText('Synced').waitFor({ timeout: 30000 });
    assert.deepEqual(unexpectedErrors(tablet, other), []);
  } finally {
    await tablet.close();
    await other.close();
  }
});
