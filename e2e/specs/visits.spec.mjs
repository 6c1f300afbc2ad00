// Mentorship visits offline from a cold start: plan a visit (the draft survives a reload), start
// it, log an entry meeting and an LDHF simulation, finish it, see the month count it; then the
// supervisor sees the visit, done, with its activities. A second test: debrief → QI project, and
// its open actions followed up at the next visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, pollUntil } from '../lib/harness.mjs';
import { PIN, badge, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { waitForDraft } from '../lib/vault.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

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

    // The draft is on the device (sealed) as it is typed: a reload mid-form loses nothing.
    await waitForDraft(page, 'mentor', PIN, 'mannequin');
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
    assert.deepEqual(await checkLayout(page, '/visits/:id'), []);

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

// Debrief → QI, offline: a gap written in a visit's debrief opens a QI project pre-filled with it
// and linked to the visit; its overdue action comes up on the next visit for follow-up; the
// supervisor's fresh device sees the project and its link.
test('a debrief opens a QI project; its open actions come up at the next visit', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const GAP = 'Partographs not filled during the night shift';
  const ACTION = 'Review every partograph at the morning handover';
  const today = new Date();
  const yesterday = iso(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1));
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();

    // Plan two visits, each with its own co-mentor.
    await openVisits(page);
    const form = page.getByTestId('plan-new');
    const mentors = form.getByLabel('Mentors (separate names with commas)');
    for (const co of ['Bosco Habimana', 'Claudine Mukeshimana']) {
      await mentors.fill(`Mentor, ${co}`);
      await form.getByLabel('Debrief', { exact: true }).check();
      await form.getByRole('button', { name: 'Save the plan' }).click();
      await form.getByText('Saved on this device.').waitFor();
      await page.getByTestId('visit-agenda').locator('li', { hasText: co }).waitFor();
    }

    // The first visit: the debrief's gap opens a QI project.
    await page.getByTestId('visit-agenda').locator('li', { hasText: 'Bosco Habimana' }).getByRole('link').click();
    await page.getByRole('button', { name: 'Start visit' }).click();
    const log = page.getByTestId('log-activity');
    await log.getByRole('button', { name: 'Debrief' }).click();
    await log.getByLabel('Notes (optional)').fill(GAP);
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.getByText('Saved on this device.').waitFor();
    const debrief = page.getByTestId('visit-activities').locator('li', { hasText: GAP });

    // An entry meeting logged by mistake is deleted, after being asked.
    await log.getByRole('button', { name: 'Entry meeting' }).click();
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.getByText('Saved on this device.').waitFor();
    const activities = page.getByTestId('visit-activities');
    await activities.locator('li').nth(1).waitFor();
    const mistake = activities.locator('li', { hasText: 'Entry meeting' });
    await mistake.getByRole('button', { name: 'Delete this entry' }).click();
    await mistake.getByRole('button', { name: 'Yes, delete it' }).click();
    await mistake.waitFor({ state: 'detached' });
    assert.equal(await activities.locator('li').count(), 1, 'only the debrief is left');
    await debrief.getByRole('button', { name: 'Open a QI project on this gap' }).click();
    await page.getByRole('heading', { level: 1, name: GAP }).waitFor();
    const action = page.getByTestId('add-action');
    await action.getByLabel('Action', { exact: true }).fill(ACTION);
    await action.getByLabel('Owner (name or role)').fill('Midwife in charge');
    await action.getByLabel('Due date').fill(yesterday);
    await action.getByRole('button', { name: 'Add the action' }).click();
    await page.getByTestId('qi-actions').getByText(`Overdue since ${yesterday}`).waitFor();

    // Back to the visit: the debrief now links to its project instead of opening another.
    await page.getByTestId('qi-from-debrief').getByRole('link', { name: 'Opened from the debrief of this visit' }).click();
    await debrief.getByRole('link', { name: 'See the QI project opened on this gap' }).waitFor();
    assert.equal(await debrief.getByRole('button', { name: 'Open a QI project on this gap' }).count(), 0);
    await page.getByRole('button', { name: 'Finish visit' }).click();
    await page.locator('.visit-page [role="status"] .status-chip').getByText('Done').waitFor();

    // The next visit brings the open action up for follow-up, overdue and highlighted.
    await openVisits(page);
    await page.getByTestId('visit-agenda').locator('li', { hasText: 'Claudine Mukeshimana' }).getByRole('link').click();
    const follow = page.getByTestId('qi-follow-up');
    await follow.getByTestId('qi-overdue').getByRole('link', { name: ACTION }).waitFor();
    await follow.getByText(`Overdue since ${yesterday}`).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'visit page with QI follow-up');

    // Reconnect and sync; the supervisor sees the project and where it came from.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/qi`);
    await waitForApp(s);
    await s.getByTestId('qi-projects').locator('li', { hasText: GAP }).getByRole('link').click({ timeout: 30000 });
    await s.getByTestId('qi-from-debrief').waitFor();
    await s.getByTestId('qi-actions').getByText(ACTION).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
