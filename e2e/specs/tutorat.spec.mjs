// The Tutorat cycle offline from a cold start: start a cycle, steps dated with status and notes
// (a step out of order refused, a half-typed note surviving a reload), all six done in order,
// the handover to the district recorded; then the supervisor's fresh device sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, syncNow, openTool, unexpectedErrors, isoDay } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const CODES = ['situational_analysis', 'three_day_training', 'coaching_week', 'stakeholder_meeting', 'second_visit', 'debrief_and_handover'];
const DAYS = [-40, -35, -28, -20, -10, -1];

/** Fills the open form of step `n` (1-based) and saves it. */
async function saveStep(page, n, status, date, notes) {
  const form = page.getByTestId(`step-form-${CODES[n - 1]}`);
  await form.getByLabel(status, { exact: true }).check();
  if (date !== undefined) await form.getByLabel('Date (planned, or done on)').fill(date);
  if (notes !== undefined) await form.getByLabel('Notes').fill(notes);
  await form.getByRole('button', { name: 'Save the step' }).click();
}

test('a Tutorat cycle offline, six steps and the handover, seen by the supervisor', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();

    await openTool(page, 'Tutorat cycle');
    await page.getByText('No Tutorat cycle at this place yet.').waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/tutorat');
    await page.getByRole('button', { name: 'Start a Tutorat cycle' }).click();
    await page.getByTestId('tutorat-steps').waitFor();
    const step = (n) => page.getByTestId(`step-${n}`);
    // The status chip of a step (the open form has the same words as choices).
    const chip = (n, words) => step(n).locator('.status-chip', { hasText: words }).waitFor();
    await chip(1, 'Not started');

    // Step 1 done; the form moves on to step 2.
    await saveStep(page, 1, 'Done', isoDay(DAYS[0]), 'No warm room; action plan agreed with the in-charge');
    await chip(1, 'Done');
    await step(1).getByText(isoDay(DAYS[0])).waitFor();
    await step(1).getByText('No warm room; action plan agreed').waitFor();
    await page.getByTestId(`step-form-${CODES[1]}`).waitFor();

    // Step 3 before step 2 is refused, in words.
    await step(3).getByRole('button', { name: 'Update this step' }).click();
    await saveStep(page, 3, 'Done', isoDay(DAYS[2]));
    await page.getByText('Steps are done in order: finish the earlier steps first.').waitFor();
    await chip(3, 'Not started');

    // Step 2 planned, in progress; a note half-typed survives a reload.
    await step(2).getByRole('button', { name: 'Update this step' }).click();
    await saveStep(page, 2, 'In progress', isoDay(DAYS[1]));
    await chip(2, 'In progress');
    await page.getByTestId(`step-form-${CODES[1]}`).getByLabel('Notes').fill('Twelve providers trained on HBB');
    assert.deepEqual(await seriousViolations(page), [], '/tutorat/:id');
    assert.deepEqual(await checkLayout(page, '/tutorat/:id'), []);
    await page.reload();
    await waitForApp(page);
    const form2 = page.getByTestId(`step-form-${CODES[1]}`);
    await form2.waitFor();
    assert.equal(await form2.getByLabel('Notes').inputValue(), 'Twelve providers trained on HBB');
    assert.equal(await form2.getByLabel('In progress', { exact: true }).isChecked(), true);
    await saveStep(page, 2, 'Done');
    await chip(2, 'Done');

    // The handover waits for the debrief.
    await page.getByTestId('tutorat-handover').getByText('Recorded once the debrief step is done.').waitFor();
    for (const n of [3, 4, 5, 6]) {
      await saveStep(page, n, 'Done', isoDay(DAYS[n - 1]));
      await chip(n, 'Done');
    }
    const handover = page.getByTestId('handover-form');
    await handover.getByLabel('Received by (name or role)').fill('District health officer');
    await handover.getByRole('button', { name: 'Record the handover' }).click();
    await page.getByTestId('tutorat-handover').getByText(`Handed over on ${isoDay(0)} to District health officer`).waitFor();

    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByTestId('tutorat-list').getByText('Handed over to the district', { exact: false }).waitFor();

    // Reconnect and sync; the supervisor's fresh device sees the cycle and the handover.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/tutorat`);
    await waitForApp(s);
    const card = s.getByTestId('tutorat-list').locator('li').first();
    await card.getByText('6 steps done of 6', { exact: false }).waitFor({ timeout: 30000 });
    await card.getByRole('link', { name: 'Open the cycle' }).click();
    await s.getByTestId('step-2').getByText('Twelve providers trained on HBB').waitFor();
    await s.getByTestId('tutorat-handover').getByText('to District health officer', { exact: false }).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
