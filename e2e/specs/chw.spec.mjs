// A CHW group session offline from a cold start: five CHWs registered at Rango, the session run
// with one checklist each (a reload mid-flow keeps the draft), saved, the ICCM group then reached
// this quarter; after reconnecting, a supervisor's fresh device sees the session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, go, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const CHWS = ['Claudine Mukamana', 'Eric Habimana', 'Grace Uwase', 'Jean Bosco Nkurunziza', 'Odette Mukeshimana'];
const ICCM = 'Integrated community case management';

/** Opens /chw (a cold start of the app from the service worker when offline). */
async function openChw(page) {
  await page.goto(`${server.url}/chw`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'CHW group sessions' }).waitFor();
}

/** Marks every step of one CHW's checklist Done. */
async function markAllDone(page, name) {
  const sheet = page.getByTestId('chw-checklist').filter({ hasText: name });
  const done = sheet.getByRole('radio', { name: 'Done', exact: true });
  const n = await done.count();
  assert.ok(n > 0, `no steps for ${name}`);
  for (let i = 0; i < n; i += 1) await done.nth(i).check();
  await sheet.getByText('0 steps left').waitFor();
}

test('a CHW group session offline; the group is reached this quarter; the supervisor sees it', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    for (const name of CHWS) await register(page, name, 'Community health worker');

    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await openChw(page);
    const groups = page.getByTestId('chw-group');
    await groups.filter({ hasText: ICCM }).getByText('not reached this quarter').waitFor({ timeout: 30000 });

    await page.getByRole('button', { name: 'Run a group session' }).click();
    await page.getByRole('radio', { name: ICCM }).check();
    await page.getByLabel('Assessment tool (competency)').selectOption('iccm_malaria');
    await page.getByLabel('Where the group met').fill('Home of Grace Uwase, Rango cell');
    for (const name of CHWS.slice(0, 3)) await page.getByRole('checkbox', { name }).check();
    await page.getByTestId('chw-size').getByText('3 CHWs — fewer than the programme’s 5–9', { exact: false }).waitFor();
    for (const name of CHWS.slice(3)) await page.getByRole('checkbox', { name }).check();
    await page.getByTestId('chw-size').getByText('5 CHWs — within the 5–9 range').waitFor();
    await markAllDone(page, CHWS[0]);

    // Closing the app mid-session loses nothing: the draft reopens the flow where it was.
    await page.reload();
    await waitForApp(page);
    await page.getByTestId('chw-size').getByText('5 CHWs — within the 5–9 range').waitFor({ timeout: 30000 });
    assert.equal(await page.getByLabel('Where the group met').inputValue(), 'Home of Grace Uwase, Rango cell');
    await page.getByTestId('chw-checklist').filter({ hasText: CHWS[0] }).getByText('0 steps left').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the session form');

    // Saving with a checklist unmarked is refused in words.
    await page.getByRole('button', { name: 'Save the session' }).click();
    await page.getByRole('alert').getByText('Mark every step for every CHW.').waitFor();
    for (const name of CHWS.slice(1)) await markAllDone(page, name);
    await page.getByLabel('Feedback to the group').fill('Good RDT technique; read the result at 15 minutes, not earlier.');
    await page.getByRole('button', { name: 'Save the session' }).click();

    await page.getByText('Group session saved on this device.').waitFor({ timeout: 30000 });
    await groups.filter({ hasText: ICCM }).getByText('reached this quarter', { exact: true }).waitFor();
    await page.getByTestId('chw-reached-count').getByText('CHWs reached this quarter: 5 / 5').waitFor();
    const session = page.getByTestId('chw-session');
    await session.getByText('Home of Grace Uwase, Rango cell · 5 CHWs', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the CHW overview');

    // Each CHW's assessment is in their own record.
    await go(page, 'Mentees');
    await page.getByTestId('mentee-list').locator('li', { hasText: CHWS[2] }).getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: CHWS[2] }).waitFor();
    await page.getByTestId('history').getByText('CHW group assessment', { exact: false }).first().waitFor();

    await badge(page).getByText(/changes? waiting/).waitFor();
    await tablet.context.setOffline(false);
    await syncNow(page);

    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/chw`);
    await waitForApp(s);
    await s.getByTestId('chw-session').getByText('Home of Grace Uwase, Rango cell · 5 CHWs', { exact: false })
      .waitFor({ timeout: 30000 });
    await s.getByTestId('chw-group').filter({ hasText: ICCM }).getByText('reached this quarter', { exact: true }).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
