// The tablet protects what it holds: a PIN chosen at the first sign-in unlocks it offline after
// every restart; several users share a tablet, each with their own PIN; what is stored is sealed
// (no name in IndexedDB or localStorage); 5 wrong PINs leave only the password, online, which
// keeps unsynced work and sets a new PIN; 10 wrong attempts erase the user's data after a
// warning; sign-out says what is not synced and erases; the server's idle minutes lock the app;
// a revoked tablet's and a disabled account's data leave the tablet at their next sync.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { env, startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { PIN, badge, go, signIn, choosePin, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const lock = (page) => page.getByTestId('lock-screen');

/** Everything the browser stores for the app, as text: IndexedDB values (bytes as latin1) and localStorage. */
const rawStorage = (page) => page.evaluate(async () => {
  const out = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    for (const store of db.objectStoreNames) {
      const values = await new Promise((ok, fail) => {
        const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = fail;
      });
      for (const value of values) {
        out.push(JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? String.fromCharCode(...v) : v)));
      }
    }
    db.close();
  }
  for (let i = 0; i < localStorage.length; i++) out.push(localStorage.key(i) + '=' + localStorage.getItem(localStorage.key(i)));
  return out.join('\n');
});

async function restartLocked(page) {
  await page.reload();
  await waitForApp(page);
  await lock(page).waitFor();
}

/** Types a PIN and waits for its outcome (the field is emptied, or gone). */
async function typePin(page, pin) {
  await lock(page).getByLabel('PIN', { exact: true }).fill(pin);
  await lock(page).getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => (document.getElementById('unlock-pin')?.value ?? '') === '');
}

test('PIN, sealed storage, lock-out, forgot PIN, erase and sign-out', async () => {
  const tablet = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await register(page, 'Amina Sealed', 'Nurse');
    await syncNow(page);

    // Nothing readable without the PIN: no name, no token.
    const raw = await rawStorage(page);
    assert.match(raw, /"bytes":"M1/, 'sealed blobs are there');
    assert.doesNotMatch(raw, /Amina|Sealed/, 'a mentee name is readable in storage');
    assert.doesNotMatch(raw, /"token":/, 'the token is readable in storage');

    // A restart locks; offline, the PIN unlocks, a wrong one says how many tries are left.
    page.mentoraPin = null;
    await tablet.context.setOffline(true);
    await restartLocked(page);
    await typePin(page, '111111');
    await lock(page).getByText('Wrong PIN. 4 tries left before only your password unlocks.').waitFor();
    const started = Date.now();
    await typePin(page, PIN);
    await lock(page).waitFor({ state: 'detached' });
    console.log(`unlock with the PIN (PBKDF2 600,000 + opening the store): ${Date.now() - started} ms`);
    await go(page, 'Mentees');
    await page.getByText('Amina Sealed').waitFor();
    await register(page, 'Bosco Unsynced', 'Nurse');

    // Five wrong PINs: only the password unlocks, and it needs the network.
    await restartLocked(page);
    for (let i = 0; i < 5; i++) await typePin(page, '222222');
    await lock(page).getByText('Too many wrong PINs', { exact: false }).waitFor();
    assert.equal(await lock(page).getByLabel('PIN', { exact: true }).count(), 0);
    await lock(page).getByLabel('Password').fill('mentora-demo');
    await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await lock(page).getByText('No connection', { exact: false }).waitFor();

    // Online, the password opens the data kept on the tablet and a new PIN is chosen: the
    // record made offline is still there.
    await tablet.context.setOffline(false);
    await lock(page).getByLabel('Password').fill('mentora-demo');
    await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await choosePin(page, '573920');
    await go(page, 'Mentees');
    await page.getByText('Bosco Unsynced').waitFor();
    await restartLocked(page);
    await typePin(page, '573920');
    await lock(page).waitFor({ state: 'detached' });

    // Ten wrong attempts erase, after a warning naming what is not synced.
    await tablet.context.setOffline(true);
    await register(page, 'Chantal Lost', 'Nurse');
    await tablet.context.setOffline(false);
    await restartLocked(page);
    await tablet.context.setOffline(true);
    for (let i = 0; i < 5; i++) await typePin(page, '333333');
    await tablet.context.setOffline(false);
    for (let i = 0; i < 4; i++) {
      await lock(page).getByLabel('Password').fill('not-the-password');
      await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
      await lock(page).getByText('Wrong username or password.').waitFor();
    }
    await lock(page).getByTestId('erase-warning').getByText(/One more wrong attempt erases .*records? (is|are) not yet synced/).waitFor();
    await lock(page).getByLabel('Password').fill('not-the-password');
    await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await lock(page).getByText('this user\'s data was erased from this tablet', { exact: false }).waitFor();
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!databases.includes('mentora-mentor'), `erased: ${databases}`);
    assert.doesNotMatch(await rawStorage(page), /mentora\.(vault|session|draft)\.mentor/, 'left after erase');

    // What was synced is safe: on the same tablet another user of the facility (the mentor's
    // own sign-in now waits out the server's throttle after five wrong passwords) sees it; and
    // sign-out warns about unsynced records before erasing.
    await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await signIn(page, server.url, 'supervisor');
    await choosePlace(page, 'Rango Health Centre');
    await page.getByText('Amina Sealed').waitFor();
    await tablet.context.setOffline(true);
    await register(page, 'Diane Pending', 'Nurse');
    await go(page, 'Settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
    const confirm = page.getByTestId('sign-out-confirm');
    await confirm.getByText('1 record has changes not yet on the server: they will be lost.').waitFor();
    await confirm.getByRole('button', { name: 'Sync first' }).waitFor();
    // Back online the record syncs (by itself or by "Sync first") and the warning goes.
    await tablet.context.setOffline(false);
    await confirm.getByText('not yet on the server', { exact: false }).waitFor({ state: 'detached' });
    await confirm.getByRole('button', { name: 'Sign out and erase' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    assert.doesNotMatch(await rawStorage(page), /mentora\.(vault|session)\.supervisor/, 'left after sign-out');
    // The five wrong passwords were answered 401, as they should be.
    assert.deepEqual(unexpectedErrors(tablet).filter((e) => !/status of 401/.test(e)), []);
  } finally {
    await tablet.close();
  }
});

test('two users on one tablet: each opens with their own PIN, switching asks for the other PIN', async () => {
  // Its own server: the first test's wrong passwords keep the mentor's sign-in throttled here.
  const own = await startServer();
  const tablet = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, own.url, 'mentor');
    await choosePlace(page, 'Rango Health Centre');
    await register(page, 'Chantal Shared', 'Nurse');
    // The supervisor signs in on the same tablet with a PIN of their own.
    page.mentoraPin = null;
    const OTHER_PIN = '735190';
    await page.goto(`${own.url}/login`);
    await waitForApp(page);
    await lock(page).getByRole('button', { name: 'Sign in with another account' }).click();
    await page.getByLabel('Username').fill('supervisor');
    await page.getByLabel('Password').fill('mentora-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await choosePin(page, OTHER_PIN);
    await page.getByTestId('header-user').getByText('supervisor', { exact: false }).waitFor();

    // A restart opens on the supervisor's lock; the mentor is listed, and only their PIN opens them.
    await restartLocked(page);
    await lock(page).getByRole('button', { name: 'Demo Mentor' }).click();
    await typePin(page, OTHER_PIN);
    await lock(page).getByText('Wrong PIN.', { exact: false }).waitFor();
    await typePin(page, PIN);
    await lock(page).waitFor({ state: 'detached' });
    await page.getByTestId('header-user').getByText('mentor', { exact: false }).waitFor();
    await go(page, 'Mentees');
    await page.getByText('Chantal Shared').waitFor();
  } finally {
    await tablet.close();
    await own.stop();
  }
});

test("the server's idle minutes lock the app (three here, ten by default)", async () => {
  const own = await startServer({ args: ['--lock-after-minutes', '3'] });
  const tablet = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, own.url, 'supervisor');
    page.mentoraPin = null;
    await page.clock.install();
    await restartLocked(page);
    await typePin(page, PIN);
    await lock(page).waitFor({ state: 'detached' });
    await badge(page).waitFor();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('mentora.vault.supervisor')).lock_minutes === 3);
    await page.clock.fastForward('02:00');
    assert.equal(await lock(page).count(), 0, 'not yet after two minutes');
    await page.clock.fastForward('01:30');
    await lock(page).waitFor();
  } finally {
    await tablet.close();
    await own.stop();
  }
});

test("a revoked tablet's and a disabled account's data leave the tablet at its next sync", async () => {
  const own = await startServer();
  const tablet = await launchBrowser();
  const cli = (...args) => execFileSync(env('MENTORA_SERVER_BIN'), ['user', ...args, '--data-dir', own.dataDir]);
  try {
    const page = await tablet.page();
    await signIn(page, own.url, 'mentor');
    await choosePlace(page, 'Rango Health Centre');
    await register(page, 'Eric Revoked', 'Nurse');
    await syncNow(page);
    // The administrator revokes this tablet (a lost one), named by its id as the dashboard shows it.
    const device = await page.evaluate(() => localStorage.getItem('mentora.device.mentor'));
    cli('revoke-device', 'mentor', device.replaceAll('-', '').slice(0, 12));
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByTestId('erased-notice')
      .getByText("An administrator revoked this tablet's access: this account's data was removed from it.").waitFor();
    let databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!databases.includes('mentora-mentor'), `erased: ${databases}`);

    // Signing in again makes a new device, which gets the records back from the server (today's
    // place is the tablet's, not the user's: it stays chosen).
    await signIn(page, own.url, 'mentor');
    await page.getByTestId('header-place').getByText('Rango Health Centre').waitFor();
    await page.getByTestId('mentee-list').getByText('Eric Revoked').waitFor({ timeout: 30000 });

    // Revoked again while the app is closed: the password on the lock screen hears it, and erases.
    const second = await page.evaluate(() => localStorage.getItem('mentora.device.mentor'));
    assert.notEqual(second, device, 'a new device after the erase');
    cli('revoke-device', 'mentor', second.slice(0, 8));
    page.mentoraPin = null;
    await restartLocked(page);
    await lock(page).getByRole('button', { name: 'Forgot PIN? Sign in with your password' }).click();
    await lock(page).getByLabel('Password').fill('mentora-demo');
    await lock(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('erased-notice')
      .getByText("An administrator revoked this tablet's access: this account's data was removed from it.").waitFor();
    databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!databases.includes('mentora-mentor'), `erased: ${databases}`);

    await signIn(page, own.url, 'mentor');
    await page.getByTestId('mentee-list').getByText('Eric Revoked').waitFor({ timeout: 30000 });
    await register(page, 'Eric Disabled', 'Nurse');
    await syncNow(page);
    cli('disable', 'mentor');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByTestId('erased-notice')
      .getByText('This account was disabled by an administrator: its data was removed from this tablet.').waitFor();
    databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!databases.includes('mentora-mentor'), `erased: ${databases}`);
    assert.doesNotMatch(await rawStorage(page), /mentora\.(vault|session|directory)\.mentor/, 'left after disabling');
  } finally {
    await tablet.close();
    await own.stop();
  }
});

test('records that leave the user\'s places leave the tablet, and the user is told', async () => {
  const own = await startServer();
  const tablet = await launchBrowser();
  const cli = (...args) => execFileSync(env('MENTORA_SERVER_BIN'), ['user', ...args, '--data-dir', own.dataDir]);
  /** Distinct documents in the device store (their ids are the one clear field of a blob). */
  const storedDocs = (page) => page.evaluate(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('mentora-mentor'); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    const blobs = await new Promise((ok, fail) => { const r = db.transaction('blobs').objectStore('blobs').getAll(); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    db.close();
    return new Set(blobs.map((b) => b.doc)).size;
  });
  const row = (page, name) => page.getByTestId('mentee-list').locator('li', { hasText: name });
  try {
    cli('grant', '--username', 'mentor', '--facility', 'simbi-hc');
    const page = await tablet.page();
    await signIn(page, own.url, 'mentor');
    await choosePlace(page, 'Rango Health Centre');
    await register(page, 'Rango Stays', 'Nurse');
    await choosePlace(page, 'Simbi Health Centre');
    await register(page, 'Simbi Synced', 'Nurse');
    await register(page, 'Simbi Edited', 'Midwife');
    await syncNow(page);
    const before = await storedDocs(page);

    // Offline, the mentor adds a phone number; meanwhile the administrator takes Simbi off them.
    await tablet.context.setOffline(true);
    await go(page, 'Mentees');
    await row(page, 'Simbi Edited').getByRole('link', { name: 'Open' }).click();
    await page.getByLabel('Phone (optional)').fill('+250 788 444 555');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved on this device.').waitFor();
    cli('remove-place', 'mentor', 'simbi-hc');
    await tablet.context.setOffline(false);
    await go(page, 'Sync');
    await page.getByRole('button', { name: 'Sync now' }).click();

    const notice = page.getByTestId('scope-left-notice');
    await notice.getByText('2 records left your area (your places changed) and were removed from this tablet.').waitFor();
    await notice.getByText("1 of them held changes the server refused; they were lost.").waitFor();
    assert.equal(await storedDocs(page), before - 2, 'both Simbi records are gone from the device store');
    await notice.getByRole('button', { name: 'Understood' }).click();
    await notice.waitFor({ state: 'detached' });

    // After a restart the records stay gone; Rango's is untouched.
    await page.reload();
    await choosePlace(page, 'Rango Health Centre');
    await row(page, 'Rango Stays').waitFor();
    assert.equal(await storedDocs(page), before - 2);
    assert.deepEqual(await unexpectedErrors(tablet), []);
  } finally {
    await tablet.close();
    await own.stop();
  }
});
