// The supervisor dashboard (issue 7): a mentor works offline (two mentees of two professional
// associations, one taken to validation on HBB), reconnects and syncs; the supervisor's fresh
// device syncs and opens the dashboard from My places, sees the headline figures and the cells
// of Tables 1 and 2, narrows by association and sees them change, then reloads offline and still
// sees them. axe finds nothing serious on the page.
// The quarterly coordination pack: the supervisor opens it for this quarter, sees its figures,
// tables, visits per month and the mentor's outcome indicator value, types a challenge kept as a device draft across reloads, still
// sees the pack offline, and in print media the controls go and the challenge prints as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn, choosePlace, syncNow, openTool, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';
import { card, chooseHbb, observe, openMentee, takeTest } from '../lib/hbb.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

/** Today's fiscal year label (July–June, named by the year it ends in), e.g. FY27. */
function fiscalYearLabel(date = new Date()) {
  const year = date.getFullYear() + (date.getMonth() + 1 >= 7 ? 1 : 0);
  return `FY${String(year % 100).padStart(2, '0')}`;
}

async function registerWithAssociation(page, name, association) {
  const form = page.getByTestId('register-mentee');
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Cadre').selectOption({ label: 'Midwife' });
  await form.getByLabel('Professional association (optional)').selectOption({ label: association });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Saved on this device.').waitFor();
}

const FEEDBACK = { well: 'Calm, well prepared.', improve: 'Keep the mask seal.' };

const figure = (page, id) => page.getByTestId(`figure-${id}`).locator('dd');

/** The cells of a Table 1 row for one fiscal year: [total, "n (x%)"]. */
async function table1Cells(page, association, year) {
  const row = page.getByTestId('table1').locator('tbody tr', { has: page.locator('th', { hasText: association }) });
  return row.locator(`td[data-year="${year}"]`).allInnerTexts();
}

async function table2Row(page, area) {
  const row = page.getByTestId('table2').locator('tbody tr', { has: page.locator('th', { hasText: area }) });
  return row.locator('td').allInnerTexts();
}

async function expectFigures(page, expected) {
  for (const [id, text] of Object.entries(expected)) {
    await figure(page, id).getByText(text, { exact: true }).waitFor({ timeout: 30000 });
  }
}

test('a mentor\'s offline work appears on the supervisor\'s dashboard, filtered, also offline', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const fy = fiscalYearLabel();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);

    await go(page, 'Mentees');
    await registerWithAssociation(page, 'Aline Ingabire', 'Rwanda Association of Midwives (RAM)');
    await registerWithAssociation(page, 'Josiane Uwera', 'Rwanda Paediatric Association (RPA)');
    for (const name of ['Aline Ingabire', 'Josiane Uwera']) {
      await openMentee(page, name);
      await chooseHbb(page);
      await takeTest(page, 'Pre-test', 3);
    }
    // Aline goes on to validation.
    await openMentee(page, 'Aline Ingabire');
    await card(page).getByText('observe a case to coach').waitFor();
    await observe(page, 'Coaching', ['rate_40'], FEEDBACK);
    await openMentee(page, 'Aline Ingabire');
    // Every question of HBB test v2 right: 16/16 = 100%, as the trend's description expects.
    await takeTest(page, 'Post-test', 16);
    await openMentee(page, 'Aline Ingabire');
    await card(page).getByText('observe a case after mentorship', { exact: false }).waitFor();
    await observe(page, 'Post-mentorship', [], FEEDBACK);
    await card(page).getByText('the rule is met: confirm the validation').waitFor();
    await card(page).getByRole('button', { name: 'Confirm validation' }).click();
    await page.getByRole('dialog', { name: 'Confirm the validation' }).getByRole('button', { name: 'Confirm validation' }).click();
    await card(page).getByText('Validated', { exact: true }).waitFor();

    // The mentor may open the dashboard too, from the Facility hub, offline.
    await go(page, 'Facility');
    await page.getByTestId('facility-tools').getByRole('link', { name: /^Dashboard/ }).click();
    await expectFigures(page, { reached: '2', validated: '1', mentors: '1' });
    // The mentor's monthly report: this month, this mentor, every assessment and validation.
    await page.getByRole('link', { name: 'Mentor monthly report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentor monthly report' }).waitFor();
    await page.getByTestId('report-heading').getByText('Demo Mentor', { exact: false }).waitFor();
    const lines = page.getByTestId('report-lines');
    await lines.locator('tbody tr', { hasText: 'Validated' }).getByText('Aline Ingabire').waitFor();
    // Two pre-tests, a coaching observation, a post-test, a post-mentorship observation, the validation.
    assert.equal(await lines.locator('tbody tr').count(), 6);
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'monthly report');

    await badge(page).getByText(/changes? waiting/).waitFor();
    await tablet.context.setOffline(false);
    await syncNow(page);

    // The supervisor's fresh device: sign in, sync, open the dashboard from My places.
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await waitForServiceWorker(s);
    await syncNow(s);
    await go(s, 'My places');
    await s.getByRole('link', { name: 'Dashboard: figures, tables and trends' }).click();
    await s.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expectFigures(s, { mentors: '1', reached: '2', validated: '1', visits: '0 of 0', qi: '0', 'qi-overdue': '0', chw: '0' });
    // Table 1 counts hospital mentorship only: the mentor's work at Rango Health Centre is
    // Table 2's, whatever association the mentees' records name.
    assert.deepEqual(await table1Cells(s, 'RAM', fy), ['0', '0']);
    assert.deepEqual(await table1Cells(s, 'RPA', fy), ['0', '0']);
    assert.deepEqual(await table1Cells(s, 'RSOG', fy), ['0', '0']);
    assert.deepEqual(await table2Row(s, 'Neonatal health'), ['1', '2', '1 (50%)']);
    assert.deepEqual(await table2Row(s, 'Family planning'), ['0', '0', '0']);
    await s.getByText('Row: the professional association of the mentor who made each assessment or validation', { exact: false }).waitFor();
    const attention = s.getByTestId('attention');
    await attention.getByText('Rango Health Centre').waitFor();
    await s.getByTestId('trend-validations').waitFor();
    await s.getByTestId('trend-prepost').waitFor();
    const desc = await s.getByTestId('trend-prepost').locator('desc').textContent();
    assert.match(desc, /Helping Babies Breathe: Pre-test \d+%, Post-test 100%/);
    // Devices, from the server: every tablet here signed in minutes ago, none is stale.
    await s.getByTestId('stale-devices').getByText('Every device synced within the last 7 days.').waitFor();
    // The server's downloads are offered from the dashboard too.
    await s.getByTestId('server-exports').getByRole('button', { name: 'Table 1, this fiscal year (CSV)' }).waitFor();
    assert.deepEqual(await seriousViolations(s), [], 'dashboard');
    assert.deepEqual(await checkLayout(s, '/dashboard with records'), []);

    // Narrowing to RAM: Aline only, validated.
    await s.getByLabel('Professional association (mentee record)').selectOption({ label: 'Rwanda Association of Midwives (RAM)' });
    await expectFigures(s, { reached: '1', validated: '1' });
    assert.deepEqual(await table2Row(s, 'Neonatal health'), ['1', '1', '1 (100%)']);
    assert.equal(await s.getByTestId('table1').locator('tbody tr').count(), 1);
    // A month of this fiscal year other than the current one holds nothing.
    const now = new Date();
    const other = now.getMonth() + 1 === 7 ? 'August' : 'July';
    const otherYear = now.getMonth() + 1 >= 7 ? now.getFullYear() : now.getFullYear() - 1;
    await s.getByLabel('Period', { exact: true }).selectOption({ label: `${other} ${otherYear}` });
    await expectFigures(s, { reached: '0', validated: '0', mentors: '0' });
    await s.getByRole('button', { name: 'Show everything' }).click();
    await expectFigures(s, { reached: '2', validated: '1' });

    // Offline after sync: a reload still shows the same figures from the device.
    await supervisor.context.setOffline(true);
    await s.reload();
    await waitForApp(s);
    await expectFigures(s, { mentors: '1', reached: '2', validated: '1' });
    assert.deepEqual(await table1Cells(s, 'RAM', fy), ['0', '0']);
    assert.deepEqual(await table2Row(s, 'Neonatal health'), ['1', '2', '1 (50%)']);
    await s.getByTestId('stale-devices').getByText('Needs the network: shown when online.').waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

/** Today's fiscal quarter (July–June) as the pack names it, e.g. "FY27 Q2", and its months. */
function fiscalQuarter(date = new Date()) {
  const month = date.getMonth() + 1;
  const quarter = Math.floor(((month - 7 + 12) % 12) / 3) + 1;
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const firstIndex = (6 + 3 * (quarter - 1)) % 12;
  return { label: `${fiscalYearLabel(date)} Q${quarter}`, months: [0, 1, 2].map((i) => names[(firstIndex + i) % 12]) };
}

test('the quarterly coordination pack: figures, visits, QI status and a challenge kept as a draft, printable offline', async () => {
  // A server of its own, so the figures are this test's only.
  const own = await startServer();
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const fy = fiscalYearLabel();
  const quarter = fiscalQuarter();
  try {
    const page = await tablet.page();
    await signIn(page, own.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await go(page, 'Mentees');
    await registerWithAssociation(page, 'Claudine Mukamana', 'Rwanda Association of Midwives (RAM)');
    await openMentee(page, 'Claudine Mukamana');
    await chooseHbb(page);
    // 4 of the 16 questions of HBB test v2 right (25%): not validated, as the pack expects.
    await takeTest(page, 'Pre-test', 4);
    // One outcome indicator value for this month, on the Facility data screen.
    await openTool(page, 'Indicators and data verification');
    await page.getByRole('heading', { level: 1, name: 'Facility data' }).waitFor();
    const now = new Date();
    await page.locator('#fd-month').selectOption(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
    const hypothermia = page.locator('form[data-indicator="hypothermia_on_admission"]');
    await hypothermia.getByLabel('Newborns admitted with hypothermia').fill('3');
    await hypothermia.getByLabel('Neonatal admissions').fill('12');
    await hypothermia.getByRole('button', { name: 'Save value' }).click();
    await hypothermia.getByText('Saved on this device.').waitFor();
    await badge(page).getByText(/changes? waiting/).waitFor();
    await tablet.context.setOffline(false);
    await syncNow(page);

    const s = await supervisor.page();
    await signIn(s, own.url, 'supervisor');
    await waitForServiceWorker(s);
    await syncNow(s);
    await go(s, 'My places');
    await s.getByRole('link', { name: 'Dashboard: figures, tables and trends' }).click();
    await s.getByRole('link', { name: 'Quarterly coordination pack' }).click();
    await s.getByRole('heading', { level: 1, name: 'Quarterly coordination pack' }).waitFor();
    assert.equal(await s.getByLabel('Fiscal quarter', { exact: true }).locator('option:checked').innerText(), quarter.label);
    await s.getByTestId('pack-heading').getByText(`${quarter.label} · All places in your scope`, { exact: true }).waitFor();
    await expectFigures(s, { mentors: '1', reached: '1', validated: '0', visits: '0 of 0', qi: '0', 'qi-overdue': '0' });
    assert.deepEqual(await table1Cells(s, 'RAM', fy), ['0', '0'], 'a health centre is not in Table 1');
    assert.deepEqual(await table2Row(s, 'Neonatal health'), ['1', '1', '0 (0%)']);
    const visits = s.getByTestId('pack-visits').locator('tbody tr');
    assert.equal(await visits.count(), 4);
    assert.deepEqual(
      (await visits.locator('th').allInnerTexts()).map((t) => t.split(' ')[0]),
      [...quarter.months, 'Quarter'],
    );
    assert.deepEqual(await visits.last().locator('td').allInnerTexts(), ['0', '0']);
    await s.getByText('No open QI project.').waitFor();
    // The outcome indicator: this month's column holds the rate, the others a dash.
    const outcome = s.getByTestId('pack-outcomes').locator('tbody tr', { hasText: 'Hypothermia on neonatal admission' });
    const column = ((new Date().getMonth() + 1 - 7 + 12) % 12) % 3;
    const expected = ['–', '–', '–'];
    expected[column] = '3/12 (25%)';
    assert.deepEqual(await outcome.locator('td.num').allInnerTexts(), expected);
    await outcome.getByText('Rango Health Centre').waitFor();
    // Narrowing to the facility names it in the heading.
    await s.getByLabel('Facility', { exact: true }).selectOption({ label: 'Rango Health Centre' });
    await s.getByTestId('pack-heading').getByText(`${quarter.label} · Rango Health Centre`, { exact: true }).waitFor();
    await expectFigures(s, { reached: '1' });
    assert.deepEqual(await seriousViolations(s), [], 'quarterly pack');

    // The challenge is a device draft: typed, then still there after a reload.
    const challenge = 'Two midwives moved to the district hospital; coaching paused in March.';
    await s.getByLabel('Challenges', { exact: true }).fill(challenge);
    await s.getByLabel('Advocacy items', { exact: true }).fill('Ask the district for a second bag-mask.');
    await s.reload();
    await waitForApp(s);
    await s.getByRole('heading', { level: 1, name: 'Quarterly coordination pack' }).waitFor();
    await s.waitForFunction((text) => document.querySelector('#pack-challenges')?.value === text, challenge);

    // Offline, a reload still renders the pack from the device.
    await supervisor.context.setOffline(true);
    await s.reload();
    await waitForApp(s);
    await expectFigures(s, { mentors: '1', reached: '1', validated: '0' });
    assert.equal(await s.getByLabel('Challenges', { exact: true }).inputValue(), challenge);

    // Print: controls hidden, the notes printed as paragraphs.
    const print = s.getByRole('button', { name: 'Print or save as PDF' });
    assert.equal(await print.isVisible(), true);
    await s.emulateMedia({ media: 'print' });
    assert.equal(await print.isVisible(), false);
    assert.equal(await s.locator('#pack-challenges').isVisible(), false);
    assert.equal(await s.locator('#pack-quarter').isVisible(), false);
    const printed = s.getByTestId('pack-challenges-print').locator('p');
    assert.equal(await printed.innerText(), challenge);
    assert.equal(await printed.isVisible(), true);
    await s.getByTestId('pack-advocacy-print').getByText('Ask the district for a second bag-mask.').waitFor();
    await expectFigures(s, { reached: '1' });
    await s.emulateMedia({ media: 'screen' });
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
    await own.stop();
  }
});
