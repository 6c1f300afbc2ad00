// The cascade offline from a cold start: a mentee validated in HBB is promoted to mentor at a
// health post (the form survives a reload as a draft), shows among the promoted mentors and in
// the lineage with the cascade's depth; after reconnecting, a supervisor's fresh device sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { card, chooseHbb, observe, openMentee, takeTest } from '../lib/hbb.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const NAME = 'Aline Ingabire';

/** Validates the mentee in HBB: post-test all correct, post-mentorship observation all done. */
async function validateInHbb(page) {
  await openMentee(page, NAME);
  await chooseHbb(page);
  await takeTest(page, 'Post-test');
  await openMentee(page, NAME);
  await observe(page, 'Post-mentorship');
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
    // The facilities offered are the mentor's own places (here their one health centre).
    const options = await facility.locator('option').allTextContents();
    assert.ok(!options.includes('Busoro Health Post'), `no place outside their scope: ${options}`);
    const target = 'Rango Health Centre';
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
