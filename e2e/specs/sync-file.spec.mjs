// Sync by file where there is no network at all: a tablet offline for the whole test (after its
// first sign-in) registers mentees, assesses one and saves a sync file; at the district office another browser
// brings it to the server and downloads the answer; the tablet loads it; the server, the tablet
// and a supervisor's device agree; bringing or loading a file again changes nothing; a tampered
// file is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, tempDir } from '../lib/harness.mjs';
import { badge, choosePlace, go, register, signIn, unexpectedErrors } from '../lib/flows.mjs';
import { chooseHbb, openMentee, takeTest } from '../lib/hbb.mjs';

/** Clicks or chooses, and returns the path of the file the browser downloads meanwhile. */
async function downloaded(page, act) {
  const [download] = await Promise.all([page.waitForEvent('download'), act()]);
  return { path: await download.path(), name: download.suggestedFilename() };
}

test('a tablet that never goes online syncs by file through another computer', async () => {
  const server = await startServer();
  const tablet = await launchBrowser();
  const office = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    // The first sign-in needs the network; from then on the tablet stays offline.
    await signIn(page, server.url, 'mentor');
    await page.waitForFunction(() => localStorage.getItem('mentora.synckey.mentor') !== null);
    await tablet.context.setOffline(true);
    await register(page, 'Solange Byfile', 'Midwife');
    await register(page, 'Yves Byfile', 'Nurse');
    // ...and assesses one: HBB chosen, the pre-test taken (3 of its questions right).
    await openMentee(page, 'Solange Byfile');
    await chooseHbb(page);
    await takeTest(page, 'Pre-test', 3);
    await go(page, 'Sync');
    const area = page.getByTestId('sync-by-file');
    const request = await downloaded(page, () => area.getByRole('button', { name: 'Save a sync file' }).click());
    assert.match(request.name, /^mentora-mentor-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}-2\.msync$/);
    await area.getByText('Sync file saved, with 2 records to send.').waitFor();
    const raw = readFileSync(request.path);
    assert.ok(raw.length > 200 && raw.subarray(0, 4).toString() === 'MSFL', `a sync file: ${raw.length} bytes`);
    assert.ok(!raw.includes('Solange'), 'the file is not readable to whoever carries it');

    // At the district office, the mentor signs in on a connected computer and brings the file.
    const o = await office.page();
    await signIn(o, server.url, 'mentor');
    await go(o, 'Sync');
    const bring = o.getByTestId('sync-by-file').getByLabel("Bring a tablet's sync file to the server");
    const answer = await downloaded(o, () => bring.setInputFiles(request.path));
    assert.match(answer.name, /^mentora-answer-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.msync$/);
    await o.getByText("The server synced the tablet's file; its answer file was downloaded.").waitFor();
    // Brought twice: nothing changes on the server (the supervisor below sees each mentee once).
    const second = await downloaded(o, () => bring.setInputFiles(request.path));
    const tampered = join(tempDir('tampered'), 'tampered.msync');
    const changed = Buffer.from(raw);
    changed[changed.length - 1] ^= 1;
    writeFileSync(tampered, changed);
    await bring.setInputFiles(tampered);
    await o.getByText('changed or damaged after it was made', { exact: false }).waitFor();

    // Back at the health post, still offline, the tablet loads the answer.
    await area.getByLabel('Load an answer file').setInputFiles(answer.path);
    await area.getByText(/Answer loaded: \d+ records? received, 2 of this tablet's stored on the server\./).waitFor();
    await badge(page).getByText('Offline', { exact: true }).waitFor();
    // Loading an answer again, or the earlier one after a newer, moves nothing back.
    await area.getByLabel('Load an answer file').setInputFiles(second.path);
    await area.getByText(/Answer loaded:/).waitFor();
    await area.getByLabel('Load an answer file').setInputFiles(answer.path);
    await area.getByText('This answer was already loaded, or a newer one was: nothing moved back.').waitFor();
    await badge(page).getByText('Offline', { exact: true }).waitFor();
    // A tablet's own request is not an answer.
    await area.getByLabel('Load an answer file').setInputFiles(request.path);
    await area.getByText("this is a tablet's sync file, not an answer from the server", { exact: false }).waitFor();

    // The supervisor's device gets both mentees from the server, once each.
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    for (const name of ['Solange Byfile', 'Yves Byfile']) {
      await s.getByTestId('mentee-list').getByText(name).waitFor({ timeout: 30000 });
      assert.equal(await s.getByTestId('mentee-list').getByText(name).count(), 1);
    }
    await openMentee(s, 'Solange Byfile');
    await s.getByTestId('history').getByText('Pre-test', { exact: true }).first().waitFor();
    assert.deepEqual(unexpectedErrors(tablet, office, supervisor).filter((e) => !/status of 422/.test(e)), []);
  } finally {
    await tablet.close();
    await office.close();
    await supervisor.close();
    await server.stop();
  }
});
