// Mentorship visits offline from a cold start: plan a visit (the draft survives a reload), start
// it, log an entry meeting and an LDHF simulation, finish it, see the month count it; then the
// supervisor sees the visit, done, with its activities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, pollUntil } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

async function openVisits(page) {
  await page.goto(`${server.url}/visits`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Visits' }).waitFor();
}

test('plan, run and finish a visit offline; the supervisor sees it done', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await register(page, 'Grace Uwimana', 'Midwife');

    // Offline, from a cold start.
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await openVisits(page);

    // Plan a two-day visit with a co-mentor, two activities and the mentee expected.
    const today = new Date();
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const form = page.getByTestId('plan-new');
    assert.equal(await form.getByLabel('First day').inputValue(), iso(today), 'starts today by default');
    const mentors = form.getByLabel('Mentors (separate names with commas)');
    assert.notEqual(await mentors.inputValue(), '', 'the signed-in mentor by default');
    await form.getByLabel('Last day (empty for one day)').fill(iso(tomorrow));
    await mentors.fill(`${await mentors.inputValue()}, Alice Mukamana`);
    await form.getByLabel('Entry meeting').check();
    await form.getByLabel('LDHF simulation session').check();
    await form.getByLabel('Grace Uwimana').check();
    await form.getByLabel('Notes (optional)').fill('Bring the neonatal mannequin');

    // The draft is on the device as it is typed: a reload mid-form loses nothing.
    await pollUntil(page, () => Object.keys(localStorage).some((k) => k.startsWith('mentora.draft.')
      && localStorage.getItem(k).includes('mannequin')), { what: 'the plan draft' });
    await page.reload();
    await waitForApp(page);
    await form.getByLabel('Notes (optional)').waitFor();
    assert.equal(await form.getByLabel('Notes (optional)').inputValue(), 'Bring the neonatal mannequin');
    assert.equal(await form.getByLabel('Last day (empty for one day)').inputValue(), iso(tomorrow));
    assert.ok(await form.getByLabel('Grace Uwimana').isChecked());
    assert.ok(await form.getByLabel('LDHF simulation session').isChecked());

    // An impossible plan says why, in words.
    await form.getByLabel('Last day (empty for one day)').fill(iso(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1)));
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await form.getByText('The last day is before the first day.').waitFor();
    await form.getByLabel('Last day (empty for one day)').fill(iso(tomorrow));
    await form.getByRole('button', { name: 'Save the plan' }).click();
    await form.getByText('Saved on this device.').waitFor();
    assert.equal(await form.getByLabel('Notes (optional)').inputValue(), '', 'the form is ready for the next visit');

    const agenda = page.getByTestId('visit-agenda');
    const card = agenda.locator('li', { hasText: 'Alice Mukamana' });
    await card.getByText('Planned').waitFor();
    await card.getByText('Mentees expected: 1').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'visits page');

    // Run the visit.
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Visit · / }).waitFor();
    await page.getByTestId('visit-plan').getByText('Grace Uwimana').waitFor();
    await page.getByRole('button', { name: 'Start visit' }).click();
    const state = page.locator('.visit-page [role="status"] .status-chip');
    await state.getByText('In progress').waitFor();

    const log = page.getByTestId('log-activity');
    await log.getByRole('button', { name: 'Entry meeting' }).click();
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.getByText('Saved on this device.').waitFor();

    await log.getByRole('button', { name: 'LDHF simulation session' }).click();
    await log.getByLabel('Topic').fill('Helping Babies Breathe');
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.getByText('Participants: a whole number from 1 to 200.').waitFor();
    await log.getByLabel('Participants').fill('6');
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.getByText('Saved on this device.').waitFor();

    const activities = page.getByTestId('visit-activities');
    await activities.getByText('Helping Babies Breathe · 6 participants').waitFor();
    assert.equal(await activities.locator('li').count(), 2);
    assert.deepEqual(await seriousViolations(page), [], 'visit page');

    await page.getByRole('button', { name: 'Finish visit' }).click();
    await state.getByText('Done').waitFor();

    // The month table counts it.
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visits' }).waitFor();
    const thisMonth = page.getByTestId('visit-months').locator('tbody tr').first();
    await pollUntil(page, () => document.querySelector('[data-testid="visit-months"] tbody tr td:nth-of-type(2)')?.textContent === '1',
      { what: 'one visit done this month' });
    assert.equal(await thisMonth.locator('td').nth(0).innerText(), '1', 'planned');
    assert.equal(await thisMonth.locator('td').nth(1).innerText(), '1', 'done');
    assert.deepEqual(await seriousViolations(page), [], 'visits page with a done visit');

    // Back online: the supervisor sees the visit, done, with its activities.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await openVisits(s);
    const seen = s.getByTestId('visit-agenda').locator('li', { hasText: 'Alice Mukamana' });
    await seen.getByText('Done').waitFor({ timeout: 30000 });
    await seen.getByText('Activities logged: 2').waitFor();
    await seen.getByRole('link').click();
    const theirs = s.getByTestId('visit-activities');
    await theirs.getByText('Entry meeting').waitFor({ timeout: 30000 });
    await theirs.getByText('Helping Babies Breathe · 6 participants').waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
