// Sync end to end: mentees registered and edited offline on two tablets merge on both and on the
// server; a third device signing in for the first time receives everything in its scope and
// nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn as signInAt, choosePlace, register, syncNow } from '../lib/flows.mjs';

let server;
const signIn = (page, username) => signInAt(page, server.url, username);
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('two tablets edit the same mentee offline; both edits reach both tablets and a new device', async () => {
  const tabletA = await launchBrowser();
  const tabletB = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const a = await tabletA.page();
    await signIn(a, 'mentor');
    await waitForServiceWorker(a);
    await choosePlace(a, 'Rango Health Centre');
    await register(a, 'Aline Uwase', 'Midwife');
    await badge(a).getByText('Synced').waitFor({ timeout: 30000 });

    const b = await tabletB.page();
    await signIn(b, 'mentor');
    await choosePlace(b, 'Rango Health Centre');
    await b.getByTestId('mentee-list').getByText('Aline Uwase').waitFor({ timeout: 30000 });

    // Both tablets go offline and edit different fields of the same record.
    await tabletA.context.setOffline(true);
    await tabletB.context.setOffline(true);

    await a.getByTestId('mentee-list').locator('li', { hasText: 'Aline Uwase' }).getByRole('link', { name: 'Open' }).click();
    await a.getByLabel('Phone (optional)').fill('+250 788 000 111');
    await a.getByRole('button', { name: 'Save' }).click();
    await a.getByText('Saved on this device.').waitFor();

    await b.getByTestId('mentee-list').locator('li', { hasText: 'Aline Uwase' }).getByRole('link', { name: 'Open' }).click();
    await b.getByLabel('Cadre').selectOption({ label: 'Nurse' });
    await b.getByRole('button', { name: 'Save' }).click();
    await b.getByText('Saved on this device.').waitFor();

    // Offline work survives a reload (IndexedDB), served by the service worker.
    await a.reload();
    await waitForApp(a);
    await a.getByTestId('edit-mentee').waitFor({ timeout: 30000 });
    assert.equal(await a.getByLabel('Phone (optional)').inputValue(), '+250 788 000 111');

    // Back online: both converge.
    await tabletA.context.setOffline(false);
    await tabletB.context.setOffline(false);
    for (const page of [a, b]) {
      await go(page, 'Sync');
      await page.getByRole('button', { name: 'Sync now' }).click();
      await badge(page).getByText('Synced').waitFor({ timeout: 30000 });
    }
    // A may have synced before B pushed: one more round brings B's edit.
    await a.getByRole('button', { name: 'Sync now' }).click();
    await badge(a).getByText('Synced').waitFor({ timeout: 30000 });

    for (const page of [a, b]) {
      await go(page, 'Mentees');
      const row = page.getByTestId('mentee-list').locator('li', { hasText: 'Aline Uwase' });
      await row.getByText('Nurse').waitFor({ timeout: 30000 });
      await row.getByRole('link', { name: 'Open' }).click();
      assert.equal(await page.getByLabel('Phone (optional)').inputValue(), '+250 788 000 111');
      assert.equal(await page.getByLabel('Cadre').inputValue(), 'nurse');
    }

    // A third device: the district supervisor signs in for the first time.
    const s = await supervisor.page();
    await signIn(s, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    const row = s.getByTestId('mentee-list').locator('li', { hasText: 'Aline Uwase' });
    await row.getByText('Nurse').waitFor({ timeout: 30000 });

    // The supervisor corrects the phone; tablet A's history of changes then names both users
    // (the server's directory: device → user), each change with what it changed.
    await row.getByRole('link', { name: 'Open' }).click();
    await s.getByLabel('Phone (optional)').fill('+250 788 000 222');
    await s.getByRole('button', { name: 'Save' }).click();
    await s.getByText('Saved on this device.').waitFor();
    await syncNow(s);
    await syncNow(a);
    await go(a, 'Mentees');
    await a.getByTestId('mentee-list').locator('li', { hasText: 'Aline Uwase' }).getByRole('link', { name: 'Open' }).click();
    const history = a.getByTestId('change-history');
    await history.getByText('History of changes').click();
    const changes = history.locator('li[data-kind="change"]');
    // The names come from the directory, fetched as the history opens.
    const named = changes.filter({ hasText: 'Demo Supervisor (supervisor)' }).filter({ hasText: 'phone: changed' });
    await named.waitFor({ timeout: 15000 }).catch(async (err) => {
      throw new Error(`not named: ${await history.innerText()}`, { cause: err });
    });
    await changes.filter({ hasText: 'Demo Mentor (mentor)' }).filter({ hasText: 'Record created' }).waitFor();
    await changes.filter({ hasText: 'Demo Mentor (mentor)' }).filter({ hasText: 'cadre: changed' }).waitFor();
    // Newest first; a mentor reads the history but has no audit export.
    assert.match(await changes.first().innerText(), /Demo Supervisor/);
    assert.equal(await history.getByRole('button', { name: /Download the history/ }).count(), 0);

    // The supervisor exports it for an audit.
    await go(s, 'Mentees');
    await row.getByRole('link', { name: 'Open' }).click();
    const sh = s.getByTestId('change-history');
    await sh.getByText('History of changes').click();
    await sh.locator('li[data-kind="change"]').first().waitFor();
    const [download] = await Promise.all([
      s.waitForEvent('download'),
      sh.getByRole('button', { name: 'Download the history (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^mentora-history-mentee-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(csv[0], 'Time (UTC),Person,Username,Device,What changed');
    assert.match(csv[1], /^\d{4}-\d{2}-\d{2}T[^,]+,Demo Mentor,mentor,[0-9a-f]{8},Record created$/);
    assert.match(csv.at(-1), /,Demo Supervisor,supervisor,[0-9a-f]{8},phone: changed$/);
    assert.deepEqual(tabletA.errors.concat(tabletB.errors, supervisor.errors)
      .filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(e)), []);
  } finally {
    await tabletA.close();
    await tabletB.close();
    await supervisor.close();
  }
});

test('a mentor only receives records of their own facility', async () => {
  const nyanzaTablet = await launchBrowser();
  const rangoTablet = await launchBrowser();
  try {
    const n = await nyanzaTablet.page();
    await signIn(n, 'admin');
    await choosePlace(n, 'Busoro Health Post');
    await register(n, 'Jean Habimana', 'Community health worker');
    await badge(n).getByText('Synced').waitFor({ timeout: 30000 });

    const r = await rangoTablet.page();
    await signIn(r, 'mentor');
    await badge(r).getByText('Synced').waitFor({ timeout: 30000 });
    await go(r, 'My places');
    await r.getByTestId('facility-list').getByText('Rango Health Centre').waitFor();
    assert.equal(await r.getByText('Busoro Health Post').count(), 0, 'a place outside their scope is not offered');
    const count = await r.evaluate(async () => {
      const open = indexedDB.open('mentora-mentor');
      const db = await new Promise((res, rej) => { open.onsuccess = () => res(open.result); open.onerror = rej; });
      const tx = db.transaction('blobs');
      const all = await new Promise((res) => { const q = tx.objectStore('blobs').getAll(); q.onsuccess = () => res(q.result); });
      return all.filter((b) => b.facility !== 'rango-hc').length;
    });
    assert.equal(count, 0, 'no document outside the mentor\'s facility is on the device');
  } finally {
    await nyanzaTablet.close();
    await rangoTablet.close();
  }
});
