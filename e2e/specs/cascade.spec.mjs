// The cascade offline from a cold start: a mentee validated in HBB is promoted to mentor at a
// health post (the form survives a reload as a draft), shows among the promoted mentors and in
// the lineage with the cascade's depth; after reconnecting, a supervisor's fresh device sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const HBB = JSON.parse(readFileSync(new URL('../../shared/catalogue/competencies/hbb.json', import.meta.url), 'utf8'));
const hbb = Array.isArray(HBB) ? HBB[0] : HBB;
const QUESTIONS = hbb.knowledge_tests.at(-1).questions;
const STEPS = hbb.checklists.at(-1).sections.flatMap((s) => s.items);
const NAME = 'Aline Ingabire';

const card = (page) => page.getByTestId('competencies').locator('li', { hasText: 'Helping Babies Breathe' });

async function openMentee(page) {
  await go(page, 'Mentees');
  await page.getByTestId('mentee-list').locator('li', { hasText: NAME }).getByRole('link', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name: NAME }).waitFor({ timeout: 30000 });
}

/** Validates the mentee in HBB: post-test all correct, post-mentorship observation all done. */
async function validateInHbb(page) {
  await openMentee(page);
  await page.getByText('Choose competencies to mentor').click();
  await page.getByTestId('choose-competencies').getByLabel('Helping Babies Breathe', { exact: false }).check();
  await page.getByTestId('choose-competencies').getByRole('button', { name: 'Save competencies' }).click();
  await card(page).getByRole('link', { name: 'Post-test' }).click();
  await page.getByRole('button', { name: 'Show all questions' }).click();
  for (const q of QUESTIONS) {
    const right = q.options.find((o) => o.id === q.answer);
    await page.locator('fieldset.kt-question', { hasText: q.text.en })
      .getByRole('radio', { name: right.text.en, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Save and show the score' }).click();
  await page.getByText('Saved on this device.').waitFor();
  await openMentee(page);
  await card(page).getByRole('link', { name: 'Observe' }).click();
  await page.getByRole('radio', { name: 'Post-mentorship', exact: true }).check();
  await page.getByRole('radio', { name: 'Simulation', exact: true }).check();
  for (const step of STEPS) {
    await page.locator('li.obs-step', { hasText: step.text.en }).getByRole('radio', { name: 'Done', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save the observation' }).click();
  const outcome = page.getByTestId('observation-outcome');
  await outcome.getByText('Saved on this device.').waitFor({ timeout: 30000 });
  await outcome.getByRole('link', { name: 'Back to the mentee' }).click();
  await card(page).getByRole('button', { name: 'Confirm validation' }).click();
  await page.getByRole('dialog', { name: 'Confirm the validation' }).getByRole('button', { name: 'Confirm validation' }).click();
  await card(page).getByText('Validated', { exact: true }).waitFor();
}

async function openCascade(page) {
  await page.goto(`${server.url}/cascade`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Cascade' }).waitFor();
}

test('a validated mentee promoted to mentor offline; lineage and depth; the supervisor sees it', async () => {
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
    await go(page, 'Mentees');
    await register(page, NAME, 'Midwife');
    await validateInHbb(page);

    await openCascade(page);
    const eligible = page.getByTestId('cascade-eligible').locator('li', { hasText: NAME });
    await eligible.getByText('Promote to mentor').click();
    await eligible.getByRole('checkbox', { name: 'Helping Babies Breathe', exact: false }).check();
    const facility = eligible.getByLabel('Facility where they will mentor');
    const options = await facility.locator('option').allTextContents();
    const target = options.includes('Busoro Health Post') ? 'Busoro Health Post' : 'Simbi Health Centre';
    await facility.selectOption({ label: target });

    // The form is a draft: a reload keeps what was chosen.
    await page.reload();
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'Cascade' }).waitFor();
    const again = page.getByTestId('cascade-eligible').locator('li', { hasText: NAME });
    await again.getByRole('checkbox', { name: 'Helping Babies Breathe', exact: false }).waitFor({ timeout: 30000 });
    assert.ok(await again.getByRole('checkbox', { name: 'Helping Babies Breathe', exact: false }).isChecked());
    await again.getByLabel('Their Mentora username (optional)').fill('aline');
    assert.deepEqual(await seriousViolations(page), [], 'the promotion form');
    await again.getByRole('button', { name: 'Save the promotion' }).click();

    const promoted = page.getByTestId('cascade-promoted').locator('li', { hasText: NAME });
    await promoted.getByText(`mentor at ${target}`).waitFor({ timeout: 30000 });
    await promoted.getByText('Helping Babies Breathe', { exact: false }).waitFor();
    const lineage = page.getByTestId('lineage');
    await lineage.getByTestId('lineage-node').filter({ hasText: NAME }).getByText(`mentor at ${target}`).waitFor();
    await page.getByTestId('cascade-depth').getByText('Cascade depth: 1 generation(s) of promoted mentors').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the cascade screen');

    await badge(page).getByText(/changes? waiting/).waitFor();
    await tablet.context.setOffline(false);
    await syncNow(page);

    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await openCascade(s);
    await s.getByTestId('cascade-promoted').locator('li', { hasText: NAME }).getByText(`mentor at ${target}`)
      .waitFor({ timeout: 30000 });
    await s.getByTestId('cascade-depth').getByText('Cascade depth: 1', { exact: false }).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
