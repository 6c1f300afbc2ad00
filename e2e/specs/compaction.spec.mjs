// Device-side compaction: a mentee edited 40 times offline is stored in fewer than 32 IndexedDB
// blobs, still loads on a cold start, and still syncs; and a device whose database predates the
// `doc` index (version 1, one plain blob per edit, as apps before encryption kept it) upgrades
// without losing anything, seals its blobs, and compacts them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { PIN, badge, signIn as signInAt, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { dataKey, openSealed } from '../lib/vault.mjs';
import { openMentee } from '../lib/hbb.mjs';

const EDITS = 40;
const THRESHOLD = 32; // ClientConfig::compact_at_blobs
const DB = 'mentora-mentor';
const PHONE = 'Phone (optional)';
const phone = (i) => `+250 788 000 ${String(i).padStart(3, '0')}`;

let server;
const signIn = (page, username) => signInAt(page, server.url, username);
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

/** Every record of the `blobs` store of `name`, bytes as plain arrays (so they cross to node). */
const readBlobs = (page, name = DB) => page.evaluate(async (name) => {
  const db = await new Promise((res, rej) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error);
  });
  try {
    const all = await new Promise((res, rej) => {
      const q = db.transaction('blobs').objectStore('blobs').getAll();
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
    return { version: db.version, indexes: [...db.transaction('blobs').objectStore('blobs').indexNames],
      blobs: all.map((b) => ({ ...b, bytes: Array.from(b.bytes) })) };
  } finally {
    db.close();
  }
}, name);

const blobsOf = async (page, doc) => (await readBlobs(page)).blobs.filter((b) => b.doc === doc);

/** Opens the mentee's page at its details form; returns the document id. */
async function openDetails(page, name) {
  const doc = await openMentee(page, name);
  await page.getByTestId('edit-mentee').waitFor({ timeout: 30000 });
  return doc;
}

/** One save of the details form, waited for until it is durable (one write each). */
async function savePhone(page, value) {
  const form = page.getByTestId('edit-mentee');
  await form.getByLabel(PHONE).fill(value);
  // Typing clears the previous save's outcome, so the message seen next is this save's.
  await form.getByText('Saved on this device.').waitFor({ state: 'detached' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.getByText('Saved on this device.').waitFor();
}

/** The document's blobs once there are `count` of them (the last save may still be in flight). */
async function blobsOnceSettled(page, doc, count) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const blobs = await blobsOf(page, doc);
    if (blobs.length === count || Date.now() > deadline) return blobs;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let legacy; // the mentee's blobs after the first test, opened: what an app before encryption kept

test('40 offline edits of a mentee stay under 32 blobs, load cold, and sync', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const a = await tablet.page();
    await signIn(a, 'mentor');
    await waitForServiceWorker(a);
    await choosePlace(a, 'Rango Health Centre');
    await register(a, 'Claudine Mukamana', 'Midwife');
    await badge(a).getByText('Synced').waitFor({ timeout: 30000 });
    const doc = await openDetails(a, 'Claudine Mukamana');

    await tablet.context.setOffline(true);
    const started = Date.now();
    for (let i = 1; i <= EDITS; i++) await savePhone(a, phone(i));
    // register (a snapshot) + 30 appends, a snapshot at the 32nd write, then 9 appends.
    const expected = EDITS + 1 - (THRESHOLD - 1);
    const stored = await blobsOnceSettled(a, doc, expected);
    const elapsed = Date.now() - started;
    const bytes = stored.reduce((n, b) => n + b.bytes.length, 0);
    console.log(`${EDITS + 1} writes in ${elapsed} ms -> ${stored.length} blobs, ${bytes} bytes`);
    assert.ok(stored.length < THRESHOLD, `${stored.length} blobs for one mentee`);
    assert.equal(stored.length, expected);
    await a.getByText('Saved on this device.').waitFor();
    const key = await dataKey(a, 'mentor', PIN);
    legacy = stored.map((b) => ({ ...b, bytes: Array.from(openSealed(key, b.bytes)) }));

    // Cold start offline, through the service worker, from the compacted blobs.
    await a.reload();
    await waitForApp(a);
    await a.getByTestId('edit-mentee').waitFor({ timeout: 30000 });
    assert.equal(await a.getByLabel(PHONE).inputValue(), phone(EDITS));

    await tablet.context.setOffline(false);
    await syncNow(a);

    const s = await supervisor.page();
    await signIn(s, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.getByTestId('mentee-list').getByText('Claudine Mukamana').waitFor({ timeout: 30000 });
    await openDetails(s, 'Claudine Mukamana');
    assert.equal(await s.getByLabel(PHONE).inputValue(), phone(EDITS));
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

test('a version-1 database is upgraded in place and its blobs are compacted', async () => {
  assert.ok(legacy, 'needs the first test');
  const tablet = await launchBrowser();
  try {
    const c = await tablet.page();
    await c.goto(`${server.url}/login`);
    await waitForApp(c);
    // What an older app left: version 1, no index, one blob per edit (the same blobs four times
    // over is valid `load_incremental` input, and makes more than the threshold).
    const records = [...legacy, ...legacy, ...legacy, ...legacy];
    await c.evaluate(async ({ name, records }) => {
      await new Promise((res, rej) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => {
          const db = open.result;
          const blobs = db.createObjectStore('blobs', { autoIncrement: true });
          db.createObjectStore('heads');
          db.createObjectStore('meta');
          for (const r of records) blobs.put({ ...r, bytes: new Uint8Array(r.bytes) });
        };
        open.onsuccess = () => { open.result.close(); res(); };
        open.onerror = () => rej(open.error);
      });
    }, { name: DB, records });

    await signIn(c, 'mentor');
    await choosePlace(c, 'Rango Health Centre');
    const doc = await openDetails(c, 'Claudine Mukamana');
    assert.equal(await c.getByLabel(PHONE).inputValue(), phone(EDITS));
    const upgraded = await readBlobs(c);
    assert.equal(upgraded.version, 2);
    assert.deepEqual(upgraded.indexes, ['doc']);
    const kept = upgraded.blobs.filter((b) => b.doc === doc);
    assert.equal(kept.length, records.length, 'nothing lost');
    assert.ok(kept.every((b) => String.fromCharCode(...b.bytes.slice(0, 2)) === 'M1'), 'plain blobs sealed');

    // The next edit replaces all of them (found through the index) with one snapshot.
    await savePhone(c, phone(EDITS + 1));
    assert.equal((await blobsOnceSettled(c, doc, 1)).length, 1);
    await c.getByText('Saved on this device.').waitFor();
    await c.reload();
    await waitForApp(c);
    await c.getByTestId('edit-mentee').waitFor({ timeout: 30000 });
    assert.equal(await c.getByLabel(PHONE).inputValue(), phone(EDITS + 1));
    assert.deepEqual(unexpectedErrors(tablet), []);
  } finally {
    await tablet.close();
  }
});
