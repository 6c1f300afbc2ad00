// The whole assessment-to-validation cycle, offline from a cold start, for two mentees: choose
// a competency, pre-test, coaching observation (weak steps feed the coaching plan), post-test,
// post-mentorship observation, confirm the validation. Then the progress matrix says so, and
// after reconnecting a supervisor's fresh device shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, openTool, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const HBB = JSON.parse(readFileSync(new URL('../../shared/catalogue/competencies/hbb.json', import.meta.url), 'utf8'));
const hbb = Array.isArray(HBB) ? HBB[0] : HBB;
const QUESTIONS = hbb.knowledge_tests.at(-1).questions;
const STEPS = hbb.checklists.at(-1).sections.flatMap((s) => s.items);

const card = (page) => page.getByTestId('competencies').locator('li', { hasText: 'Helping Babies Breathe' });

async function openMentee(page, name) {
  await go(page, 'Mentees');
  await page.getByTestId('mentee-list').locator('li', { hasText: name }).getByRole('link', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30000 });
}

/** Takes the test from the competency card, answering `correct` questions right. */
async function takeTest(page, phase, correct) {
  await card(page).getByRole('link', { name: phase }).click();
  await page.getByRole('button', { name: 'Show all questions' }).click();
  for (const [i, q] of QUESTIONS.entries()) {
    const options = q.options;
    const right = options.find((o) => o.id === q.answer);
    const wrong = options.find((o) => o.id !== q.answer);
    const pick = i < correct ? right : wrong;
    await page.locator('fieldset.kt-question', { hasText: q.text.en })
      .getByRole('radio', { name: pick.text.en, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Save and show the score' }).click();
  await page.getByText('Saved on this device.').waitFor();
}

/** Observes from the card; `notDone` lists step ids marked Not done, the rest Done. */
async function observe(page, purpose, notDone) {
  await card(page).getByRole('link', { name: 'Observe' }).click();
  await page.getByRole('radio', { name: purpose, exact: true }).check();
  await page.getByRole('radio', { name: 'Simulation', exact: true }).check();
  for (const step of STEPS) {
    const mark = notDone.includes(step.id) ? 'Not done' : 'Done';
    await page.locator('li.obs-step', { hasText: step.text.en })
      .getByRole('radio', { name: mark, exact: true }).check();
  }
  await page.getByLabel('What went well').fill('Calm, well prepared.');
  await page.getByLabel('What to improve').fill('Keep the mask seal during ventilation.');
  await page.getByRole('button', { name: 'Save the observation' }).click();
  const outcome = page.getByTestId('observation-outcome');
  await outcome.getByText('Saved on this device.').waitFor({ timeout: 30000 });
  await outcome.getByRole('link', { name: 'Back to the mentee' }).click();
}

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
      await page.getByText('Choose competencies to mentor').click();
      await page.getByTestId('choose-competencies').getByLabel('Helping Babies Breathe', { exact: false }).check();
      await page.getByTestId('choose-competencies').getByRole('button', { name: 'Save competencies' }).click();
      await card(page).getByText('take the pre-test').waitFor();

      await takeTest(page, 'Pre-test', 3);
      await openMentee(page, name);
      await card(page).getByText('observe a case to coach').waitFor();
      await observe(page, 'Coaching', ['rate_40', 'cloths_ready']);
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
    await takeTest(page, 'Post-test', 6);
    await openMentee(page, 'Aline Ingabire');
    await card(page).locator('[data-rule="post-test"]').getByText('100% — meets the rule').waitFor();
    await card(page).getByText('observe a case after mentorship', { exact: false }).waitFor();
    await observe(page, 'Post-mentorship', []);
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
