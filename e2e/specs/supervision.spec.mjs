// A joint supervision visit recorded offline from a cold start by the supervisor: the progress
// review, mentors supervised, an issue with its agreed solution, responsible person and due date,
// the overall notes; the draft survives a reload and a missing field is said in words. After
// reconnecting and syncing, an administrator on a fresh browser sees the visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, syncNow, openTool, unexpectedErrors, isoDay } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

/** A date `days` from today in local time, as YYYY-MM-DD. */
const PROGRESS = 'Four of five planned visits done; two mentees validated in HBB';
const ISSUE = 'Mentors pulled to night shifts';

test('a joint supervision visit, offline, reaches the server', async () => {
  const tablet = await launchBrowser();
  const admin = await launchBrowser();
  const due = isoDay(30);
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'supervisor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await openTool(page, 'Joint supervision visits');
    await page.getByRole('heading', { level: 1, name: 'Joint supervision visits' }).waitFor();
    await page.getByText('No supervision visit recorded at this place yet.').waitFor();

    const form = page.getByTestId('record-supervision');
    await form.getByLabel('Supervision team (who took part)').fill('Ingobyi, RBC/MCCH, RAM');
    await form.getByLabel('Progress of mentorship activities').fill(PROGRESS);
    await form.getByLabel('Mentors supervised and what was seen').fill('Observed one mentor coaching on partograph use');
    await form.getByRole('button', { name: 'Add an issue' }).click();
    await form.getByLabel('Issue found').fill(ISSUE);
    await form.getByLabel('Agreed solution').fill('Protect two mentorship days a month in the roster');

    // The draft survives a reload, issue included.
    await page.reload();
    await waitForApp(page);
    await form.waitFor({ timeout: 30000 });
    assert.equal(await form.getByLabel('Progress of mentorship activities').inputValue(), PROGRESS);
    assert.equal(await form.getByLabel('Issue found').inputValue(), ISSUE);

    // A missing responsible person is said in words, on the field.
    await form.getByLabel('Due date').fill(due);
    await form.getByRole('button', { name: 'Save the supervision visit' }).click();
    await form.getByText('Name who is responsible.').waitFor();
    assert.equal(await form.getByLabel('Responsible person').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('Responsible person').fill('Hospital director');
    await form.getByLabel("Supervisor's overall notes").fill('Good progress; staffing remains the main risk');
    assert.deepEqual(await seriousViolations(page), [], '/supervision form');
    await form.getByRole('button', { name: 'Save the supervision visit' }).click();
    await form.getByText('Saved on this device.').waitFor();
    assert.equal(await form.getByLabel('Progress of mentorship activities').inputValue(), '', 'cleared once saved');
    const card = page.getByTestId('supervision-list').locator('li.supervision-card', { hasText: PROGRESS });
    await card.getByRole('cell', { name: ISSUE }).waitFor();
    await card.getByRole('cell', { name: 'Hospital director' }).waitFor();
    await card.getByRole('cell', { name: due }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/supervision with a visit');

    // Reconnect and sync; an administrator on a fresh browser sees it from the server.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const a = await admin.page();
    await signIn(a, server.url, 'admin');
    await choosePlace(a, 'Rango Health Centre');
    await a.goto(`${server.url}/supervision`);
    await waitForApp(a);
    const seen = a.getByTestId('supervision-list').locator('li.supervision-card', { hasText: PROGRESS });
    await seen.getByRole('cell', { name: ISSUE }).waitFor({ timeout: 30000 });
    await seen.getByText('Good progress; staffing remains the main risk').waitFor();
    assert.deepEqual(unexpectedErrors(tablet, admin), []);
  } finally {
    await tablet.close();
    await admin.close();
  }
});
