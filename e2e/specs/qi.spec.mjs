// QI projects offline from a cold start: open a project from the debrief, root causes in two
// categories, a solution, an overdue action and one due next month, drafts that survive a reload,
// one action marked done; then the supervisor's tablet sees the project and the overdue action.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, pollUntil } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, syncNow, unexpectedErrors, isoDay } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

/** A date `days` from today in the browser's (and this machine's) local time, as YYYY-MM-DD. */
const GAP = 'Newborns are not dried within the first minute';
const LATE = 'Put two warm towels on every delivery bed';
const LATER = 'Train the night staff on HBB';

test('a QI project from the debrief, offline, followed up and seen by the supervisor', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const yesterday = isoDay(-1);
  const nextMonth = isoDay(30);
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await page.goto(`${server.url}/qi`);
    await waitForApp(page);

    // Open the project from the debrief.
    await page.getByText('No QI project at this place yet.').waitFor();
    const open = page.getByTestId('open-qi-project');
    await open.getByLabel('Gap found').fill(GAP);
    await open.getByLabel('Technical area / competency (optional)').selectOption({ label: 'Helping Babies Breathe' });
    await open.getByRole('button', { name: 'Open a QI project' }).click();
    await page.getByRole('heading', { level: 1, name: GAP }).waitFor();
    await page.getByTestId('qi-facts').getByText('Helping Babies Breathe', { exact: false }).waitFor();

    // Root causes in two categories.
    const cause = page.getByTestId('add-cause');
    const causes = page.getByTestId('qi-causes');
    await cause.getByLabel('Category').selectOption({ label: 'Supplies' });
    await cause.getByLabel('Cause', { exact: true }).fill('No warm towels in the delivery room');
    await cause.getByRole('button', { name: 'Add the cause' }).click();
    await causes.locator('[data-group="supplies"]').getByText('No warm towels in the delivery room').waitFor();
    await cause.getByLabel('Category').selectOption({ label: 'People' });
    await cause.getByLabel('Cause', { exact: true }).fill('Night staff not trained in HBB');
    await cause.getByRole('button', { name: 'Add the cause' }).click();
    await causes.locator('[data-group="people"]').getByText('Night staff not trained in HBB').waitFor();
    assert.equal(await causes.getByRole('heading', { level: 3 }).count(), 2, 'two categories');

    // Half-filled forms survive a reload (drafts), offline.
    await page.getByTestId('add-solution').getByLabel('Solution').fill('A towel kit beside each bed');
    const action = page.getByTestId('add-action');
    await action.getByLabel('Action', { exact: true }).fill(LATE);
    await action.getByLabel('Owner (name or role)').fill('Head of maternity');
    await page.reload();
    await waitForApp(page);
    await page.getByTestId('add-action').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('add-solution').getByLabel('Solution').inputValue(), 'A towel kit beside each bed');
    assert.equal(await action.getByLabel('Action', { exact: true }).inputValue(), LATE);
    assert.equal(await action.getByLabel('Owner (name or role)').inputValue(), 'Head of maternity');

    await page.getByTestId('add-solution').getByRole('button', { name: 'Add the solution' }).click();
    await page.getByTestId('qi-solutions').getByText('A towel kit beside each bed').waitFor();
    // The form clears once the save is durable, which may land a moment after the list shows it.
    const solutionInput = page.getByTestId('add-solution').getByLabel('Solution');
    await solutionInput.page().waitForFunction(
      (el) => el.value === '', await solutionInput.elementHandle(), { timeout: 10000 }).catch(() => {});
    assert.equal(await solutionInput.inputValue(), '', 'cleared once saved');

    // An action due yesterday is flagged overdue in words; one due next month is not.
    await action.getByLabel('Due date').fill(yesterday);
    await action.getByRole('button', { name: 'Add the action' }).click();
    const actions = page.getByTestId('qi-actions');
    const late = actions.locator('li.qi-action', { hasText: LATE });
    await late.getByText(`Overdue since ${yesterday}`).waitFor();
    await action.getByLabel('Action', { exact: true }).fill(LATER);
    await action.getByLabel('Owner (name or role)').fill('Midwife in charge');
    await action.getByLabel('Due date').fill(nextMonth);
    await action.getByRole('button', { name: 'Add the action' }).click();
    const later = actions.locator('li.qi-action', { hasText: LATER });
    await later.getByText(`Due ${nextMonth}`).waitFor();
    assert.equal(await later.getByText('Overdue since').count(), 0);

    // One tap marks it done.
    await later.getByRole('button', { name: 'Done' }).click();
    await pollUntil(page, () => document.querySelector('li.qi-action[data-status="done"]') != null, { what: 'the action done' });
    assert.equal(await actions.locator('li.qi-action', { hasText: LATER }).getByRole('button', { name: 'Done' }).getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await seriousViolations(page), [], '/qi/:id');
    assert.deepEqual(await checkLayout(page, '/qi/:id'), []);

    // Back on /qi the overdue action is at the top, counted.
    await page.getByRole('link', { name: 'Back' }).click();
    const overdue = page.getByTestId('qi-overdue');
    await overdue.getByText('1 action overdue').waitFor();
    await overdue.getByRole('link', { name: LATE }).waitFor();
    assert.equal(await page.getByTestId('qi-follow-up').getByText(LATER).count(), 0, 'done actions are not followed up');
    await page.getByTestId('qi-projects').locator('li', { hasText: GAP }).locator('.status-chip[data-status="open"]').getByText('Open').waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/qi');

    // Reconnect and sync; the supervisor's tablet sees the project and its overdue action.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/qi`);
    await waitForApp(s);
    await s.getByTestId('qi-overdue').getByRole('link', { name: LATE }).waitFor({ timeout: 30000 });
    await s.getByTestId('qi-projects').locator('li', { hasText: GAP }).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

test('without a chosen place the screen says so and links to My places', async () => {
  const tablet = await launchBrowser({ viewport: { width: 360, height: 740 } });
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'supervisor');
    await page.goto(`${server.url}/qi`);
    await waitForApp(page);
    await page.getByText('Choose the place you are working at first.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'My places' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/qi without a place');
  } finally {
    await tablet.close();
  }
});
