// The mentee screens offline from a cold start: choose competencies, see the progress matrix and
// export it as CSV, merge a duplicate registered on another tablet; then the server has it all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, openTool, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const row = (page, name) => page.getByTestId('mentee-list').locator('li', { hasText: name });

async function coldStartOffline(browser, page) {
  await browser.context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await badge(page).getByText('Offline').waitFor();
}

test('competencies, progress matrix and CSV, offline from a cold start', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await coldStartOffline(tablet, page);

    // The registration form starts blank after a save: the next person typed does not inherit
    // the previous one's cadre or association, and "Saved" goes once the form changes.
    const form = page.getByTestId('register-mentee');
    await form.getByLabel('Full name').fill('Solange Ingabire');
    await form.getByLabel('Cadre').selectOption({ label: 'Midwife' });
    await form.getByLabel('Professional association (optional)').selectOption({ label: 'Rwanda Association of Midwives (RAM)' });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved on this device.').waitFor();
    assert.equal(await form.getByLabel('Full name').inputValue(), '');
    assert.equal(await form.getByLabel('Cadre').inputValue(), 'nurse');
    assert.equal(await form.getByLabel('Professional association (optional)').inputValue(), '');
    await form.getByLabel('Full name').fill('Eric Nsengiyumva');
    await form.getByText('Saved on this device.').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved on this device.').waitFor();
    await row(page, 'Eric Nsengiyumva').getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eric Nsengiyumva' }).waitFor();
    const saved = page.getByTestId('edit-mentee');
    assert.equal(await saved.getByLabel('Cadre').inputValue(), 'nurse');
    assert.equal(await saved.getByLabel('Professional association (optional)').inputValue(), '', 'saved without RAM');
    await go(page, 'Mentees');

    await register(page, 'Claudine Mukamana', 'Midwife');
    await row(page, 'Claudine Mukamana').getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: 'Claudine Mukamana' }).waitFor();
    await page.getByText('No competencies chosen yet.', { exact: false }).waitFor();

    // A midwife may belong to a professional association.
    const details = page.getByTestId('edit-mentee');
    await details.getByLabel('Professional association (optional)').selectOption({ label: 'Rwanda Association of Midwives (RAM)' });
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('Saved on this device.').waitFor();
    await page.getByText('Midwife · Rwanda Association of Midwives (RAM)').waitFor();

    // Choose two competencies suited to a midwife.
    await page.getByText('Choose competencies to mentor').click();
    const choose = page.getByTestId('choose-competencies');
    await choose.getByLabel('Helping Babies Breathe', { exact: false }).check();
    await choose.getByLabel('Active management of the third stage', { exact: false }).check();
    await choose.getByRole('button', { name: 'Save competencies' }).click();
    await choose.getByText('Saved on this device.').waitFor();
    const cards = page.getByTestId('competencies');
    await cards.locator('li', { hasText: 'Helping Babies Breathe' }).getByText('Not started').waitFor();
    await cards.locator('li', { hasText: 'Helping Babies Breathe' }).getByText('take the pre-test').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'mentee page');
    assert.deepEqual(await checkLayout(page, '/mentees/:id'), []);

    // The choice survives a cold start (IndexedDB), offline.
    await page.reload();
    await waitForApp(page);
    await cards.locator('li').first().waitFor({ timeout: 30000 });
    assert.equal(await cards.locator('li.competency-card').count(), 2);

    // The facility hub leads to the matrix, which shows both, in words, and exports a CSV file.
    await go(page, 'Facility');
    await page.getByTestId('facility-tools').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'facility hub');
    await openTool(page, 'Progress');
    const matrix = page.getByTestId('progress-matrix');
    await matrix.getByRole('row', { name: /Claudine Mukamana/ }).getByText('Not started').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'progress page');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^mentora-progress-rango-hc-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0], /^Mentee,Cadre,/);
    assert.ok(lines.some((l) => l.startsWith('Claudine Mukamana,Midwife,') && l.includes('Not started')), csv);

    // Server downloads need the network and say so.
    const serverExports = page.getByTestId('server-exports');
    await serverExports.getByText('You are offline', { exact: false }).waitFor();
    await serverExports.getByRole('button', { name: 'Mentees (CSV)' }).click();
    await serverExports.getByRole('alert').getByText('The download failed', { exact: false }).waitFor();

    // The list filters by status and cadre.
    await go(page, 'Mentees');
    await page.getByLabel('Competency status').selectOption({ label: 'Validated' });
    await page.getByText('No mentee matches this search and these filters.').waitFor();
    await page.getByLabel('Competency status').selectOption({ label: 'Not started' });
    await row(page, 'Claudine Mukamana').waitFor();
    await page.locator('.filters').getByLabel('Cadre').selectOption({ label: 'Nurse' });
    assert.equal(await row(page, 'Claudine Mukamana').count(), 0);
    assert.deepEqual(await seriousViolations(page), [], 'mentees page');

    // Back online: the server has the record with its competencies.
    await tablet.context.setOffline(false);
    await syncNow(page);

    // Online, the server's files download: the workbook is a zip, the CSV holds the mentee.
    await openTool(page, 'Progress');
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      serverExports.getByRole('button', { name: 'Workbook (XLSX)' }).click(),
    ]);
    assert.match(workbook.suggestedFilename(), /^mentora-\d{4}-\d{2}-\d{2}\.xlsx$/);
    assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString(), 'PK');
    const [menteesCsv] = await Promise.all([
      page.waitForEvent('download'),
      serverExports.getByRole('button', { name: 'Mentees (CSV)' }).click(),
    ]);
    assert.match(readFileSync(await menteesCsv.path(), 'utf8'), /Claudine Mukamana,midwife,ram,rango-hc,rw-huye,/);

    // The DHIS2 file: a bad mapping is caught on the device; a good one downloads the payload,
    // and the server's warnings (indicators left unmapped) are shown.
    const dhis2 = page.getByTestId('dhis2-export');
    await dhis2.getByLabel('Mapping (JSON)').fill('{"org_units": {"rango-hc": "short"}}');
    await dhis2.getByRole('button', { name: 'Download the DHIS2 file' }).click();
    await dhis2.getByRole('alert').getByText('is not a DHIS2 uid', { exact: false }).waitFor();
    await dhis2.getByLabel('Period type').selectOption({ label: 'Quarterly' });
    await dhis2.getByLabel('Mapping (JSON)').fill(
      '{"data_elements": {"mentees_assessed": {"data_element": "AbCdEfGhIj1"}}, "org_units": {"rango-hc": "OrgUnit0001"}}');
    const [dhis2File] = await Promise.all([
      page.waitForEvent('download'),
      dhis2.getByRole('button', { name: 'Download the DHIS2 file' }).click(),
    ]);
    assert.match(dhis2File.suggestedFilename(), /^mentora-dhis2-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.json$/);
    const payload = JSON.parse(readFileSync(await dhis2File.path(), 'utf8'));
    assert.equal(payload.dataValues.length, 1, JSON.stringify(payload));
    assert.deepEqual(
      { dataElement: payload.dataValues[0].dataElement, orgUnit: payload.dataValues[0].orgUnit, value: payload.dataValues[0].value },
      { dataElement: 'AbCdEfGhIj1', orgUnit: 'OrgUnit0001', value: '0' });
    assert.match(payload.dataValues[0].period, /^\d{4}Q[1-4]$/);
    await dhis2.getByRole('status').getByText('1 data values in the file.').waitFor();
    await dhis2.getByText('indicator validations has no data element in the mapping', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'progress page with the DHIS2 form');

    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await row(s, 'Claudine Mukamana').getByRole('link', { name: 'Open' }).click({ timeout: 30000 });
    await s.getByTestId('competencies').locator('li', { hasText: 'Helping Babies Breathe' }).waitFor({ timeout: 30000 });
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

test('the same person registered on two tablets offline is merged into one record', async () => {
  const tabletA = await launchBrowser();
  const tabletB = await launchBrowser();
  try {
    const a = await tabletA.page();
    const b = await tabletB.page();
    for (const page of [a, b]) {
      await signIn(page, server.url, 'mentor');
      await waitForServiceWorker(page);
      await choosePlace(page, 'Rango Health Centre');
    }
    await tabletA.context.setOffline(true);
    await tabletB.context.setOffline(true);
    await register(a, 'Eric Niyonzima', 'Nurse');
    await register(b, 'eric  niyonzima', 'Nurse');
    await b.getByTestId('register-mentee').getByLabel('Phone (optional)').waitFor();
    // B adds a phone number to its copy.
    await row(b, 'eric niyonzima').getByRole('link', { name: 'Open' }).click();
    await b.getByLabel('Phone (optional)').fill('+250 788 222 333');
    await b.getByRole('button', { name: 'Save', exact: true }).click();
    await b.getByText('Saved on this device.').waitFor();

    await tabletA.context.setOffline(false);
    await tabletB.context.setOffline(false);
    await syncNow(b);
    await syncNow(a);
    await go(a, 'Mentees');
    await pollCount(a, 'Eric Niyonzima', 2);

    // On A: open its record, see the duplicate, merge it.
    await a.getByTestId('mentee-list').locator('li')
      .filter({ has: a.getByRole('heading', { name: 'Eric Niyonzima', exact: true }) })
      .getByRole('link', { name: 'Open' }).click();
    const dupes = a.getByTestId('duplicates');
    await dupes.getByRole('button', { name: 'Merge into this record' }).click();
    await dupes.getByRole('button', { name: 'Yes, it is the same person: merge' }).click();
    await dupes.waitFor({ state: 'detached', timeout: 5000 }).catch(async (e) => { throw new Error(`${e.message}\n${await dupes.innerText()}`); });
    assert.equal(await a.getByLabel('Phone (optional)').inputValue(), '');
    await a.reload();
    await waitForApp(a);
    await a.getByTestId('edit-mentee').waitFor({ timeout: 30000 });
    assert.equal(await a.getByLabel('Phone (optional)').inputValue(), '+250 788 222 333', 'the duplicate\'s phone moved here');

    await syncNow(a);
    await syncNow(b);
    await go(b, 'Mentees');
    await pollCount(b, 'Niyonzima', 1);
    assert.deepEqual(unexpectedErrors(tabletA, tabletB), []);
  } finally {
    await tabletA.close();
    await tabletB.close();
  }
});

async function pollCount(page, name, expected) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const n = await page.getByTestId('mentee-list').locator('li', { hasText: new RegExp(name, 'i') }).count();
    if (n === expected) return;
    if (Date.now() > deadline) throw new Error(`expected ${expected} rows for ${name}, saw ${n}`);
    await page.waitForTimeout(200);
  }
}
