// The whole assessment-to-validation cycle, offline from a cold start, for two mentees: choose
// a competency, pre-test, coaching observation (weak steps feed the coaching plan), post-test,
// post-mentorship observation, confirm the validation. Then the progress matrix says so, and
// after reconnecting a supervisor's fresh device shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, openTool, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { card, chooseHbb, observe, openMentee, takeTest } from '../lib/hbb.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const FEEDBACK = { well: 'Calm, well prepared.', improve: 'Keep the mask seal during ventilation.' };

test('two mentees through the cycle offline; one validated; the supervisor sees it', async () => {
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

    for (const name of ['Aline Ingabire', 'Josiane Uwera']) {
      await go(page, 'Mentees');
      await register(page, name, 'Midwife');
      await openMentee(page, name);
      await chooseHbb(page);

      // 3 of the 16 questions of HBB test v2 right: 18%, below the pass mark.
      await takeTest(page, 'Pre-test', 3);
      await openMentee(page, name);
      await card(page).getByText('observe a case to coach').waitFor();
      // Both steps are in HBB checklist v2 too (rate_40 critical, weight 2; cloths_ready weight 1).
      await observe(page, 'Coaching', ['rate_40', 'cloths_ready'], FEEDBACK);
      await card(page).getByText('In coaching').waitFor();
    }

    // The coaching plan pulls the weak steps; the mentor plans actions with a target date.
    const plan = page.getByTestId('coaching-plan').locator('form', { hasText: 'Helping Babies Breathe' });
    await plan.getByText('Ventilates at 40 breaths per minute', { exact: false }).waitFor();
    await plan.getByText('Critical').first().waitFor();
    await plan.getByLabel('Planned actions').fill('Two LDHF practice sessions on the mannequin.');
    await plan.getByLabel('Target date').fill('2030-01-31');
    await plan.getByRole('button', { name: 'Save plan' }).click();
    await plan.getByText('Saved on this device.').waitFor();

    // Aline goes on to validation.
    await openMentee(page, 'Aline Ingabire');
    // Every question of HBB test v2 right: 16/16 = 100% (was 6 with the 6 questions of v1).
    await takeTest(page, 'Post-test', 16);
    await openMentee(page, 'Aline Ingabire');
    await card(page).locator('[data-rule="post-test"]').getByText('100% — meets the rule').waitFor();
    await card(page).getByText('observe a case after mentorship', { exact: false }).waitFor();
    await observe(page, 'Post-mentorship', [], FEEDBACK);
    await card(page).getByText('the rule is met: confirm the validation').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'mentee page with the rule met');
    await card(page).getByRole('button', { name: 'Confirm validation' }).click();
    await page.getByRole('dialog', { name: 'Confirm the validation' }).getByRole('button', { name: 'Confirm validation' }).click();
    await card(page).getByText('Validated by', { exact: false }).waitFor();
    await card(page).getByText('Validated', { exact: true }).waitFor();
    // The coaching and the validating observation were made the same day: two evaluations, in
    // the order they were recorded (was 1 or 2 depending on random ids).
    await card(page).getByText('2 evaluations to validation', { exact: false }).waitFor();
    // Validated: no second validation is offered.
    assert.equal(await card(page).getByRole('button', { name: 'Confirm validation' }).count(), 0);
    const history = page.getByTestId('history');
    for (const kind of ['Pre-test', 'Coaching observation', 'Post-test', 'Post-mentorship observation']) {
      await history.getByText(kind, { exact: true }).first().waitFor();
    }

    // The facility matrix: one validated, one in coaching; the places list counts them.
    await openTool(page, 'Progress');
    const matrix = page.getByTestId('progress-matrix');
    await matrix.getByRole('row', { name: /Aline Ingabire/ }).getByText(/Validated \d{4}-\d{2}-\d{2}/).waitFor();
    await matrix.getByRole('row', { name: /Josiane Uwera/ }).getByText(/In coaching/).waitFor();
    await go(page, 'My places');
    await page.locator('li.card', { hasText: 'Rango Health Centre' })
      .getByText('2 mentees · 1 competency validated · 1 in coaching (follow-up due)').waitFor();

    // Back online: everything reaches the server and the supervisor's fresh device.
    await badge(page).getByText(/changes? waiting/).waitFor();
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await openTool(s, 'Progress');
    const seen = s.getByTestId('progress-matrix');
    await seen.getByRole('row', { name: /Aline Ingabire/ }).getByText(/Validated \d{4}/).waitFor({ timeout: 30000 });
    await seen.getByRole('row', { name: /Josiane Uwera/ }).getByText(/In coaching/).waitFor();
    await openMentee(s, 'Josiane Uwera');
    const seenPlan = s.getByTestId('coaching-plan').getByLabel('Planned actions');
    assert.equal(await seenPlan.inputValue(), 'Two LDHF practice sessions on the mannequin.');
    assert.equal(await s.getByTestId('coaching-plan').getByLabel('Target date').inputValue(), '2030-01-31');
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
