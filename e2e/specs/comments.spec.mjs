// Supervisor comments back to mentors: the mentor opens a QI project and syncs; the supervisor,
// on a fresh browser, comments "please re-observe this case" on it and syncs; the mentor's
// header counts one comment waiting, the inbox links to the project, and the mentor acknowledges
// it offline after a cold start; once both sync, the supervisor sees it acknowledged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, pollUntil } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const GAP = 'Partographs not filled during labour';
const TEXT = 'please re-observe this case';

const count = (page) => page.getByTestId('comment-count').locator('.count');

test('a supervisor comment reaches the mentor, who acknowledges it offline', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    // The mentor opens a QI project and syncs it.
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await page.goto(`${server.url}/qi`);
    await waitForApp(page);
    const open = page.getByTestId('open-qi-project');
    await open.getByLabel('Gap found').fill(GAP);
    await open.getByRole('button', { name: 'Open a QI project' }).click();
    await page.getByRole('heading', { level: 1, name: GAP }).waitFor();
    const projectUrl = page.url();
    assert.match(projectUrl, /\/qi\/[0-9a-f]{32}$/);
    await page.getByTestId('comments').getByText('No comments yet.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save the comment' }).count(), 0, 'mentors do not comment');
    assert.equal(await count(page).textContent(), '0');
    await syncNow(page);

    // The supervisor comments on it and syncs.
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await s.goto(projectUrl);
    await waitForApp(s);
    await s.getByRole('heading', { level: 1, name: GAP }).waitFor({ timeout: 30000 });
    const panel = s.getByTestId('comments');
    await panel.getByText('Comment', { exact: true }).click();
    await panel.getByRole('button', { name: 'Save the comment' }).click();
    await panel.getByText('Write the comment first.').waitFor();
    await panel.getByLabel('Comment or request for the mentor').fill(TEXT);
    await panel.getByRole('button', { name: 'Save the comment' }).click();
    await panel.getByText('Saved on this device.').waitFor();
    const posted = panel.locator('li.comment', { hasText: TEXT });
    await posted.getByText('Not acknowledged yet').waitFor();
    assert.equal(await panel.getByLabel('Comment or request for the mentor').inputValue(), '', 'cleared once saved');
    assert.equal(await count(s).textContent(), '0', 'the author is not notified of their own comment');
    assert.deepEqual(await seriousViolations(s), [], '/qi/:id with a comment');
    await syncNow(s);

    // The mentor syncs: one comment waiting.
    await syncNow(page);
    await pollUntil(page, () => document.querySelector('[data-testid="comment-count"] .count')?.textContent === '1', { what: 'the count of 1' });

    // Offline, from a cold start, the inbox links to the project, where the mentor acknowledges.
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await page.getByTestId('comment-count').click();
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const waiting = page.getByTestId('comments-waiting').locator('li.comment', { hasText: TEXT });
    await waiting.getByText('On a QI project').waitFor();
    await waiting.getByText('Not acknowledged yet').waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/comments');
    await waiting.getByRole('link', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: GAP }).waitFor();
    const mine = page.getByTestId('comments').locator('li.comment', { hasText: TEXT });
    await mine.getByLabel('Reply (optional)').fill('Re-observed on Tuesday');
    await mine.getByRole('button', { name: 'Acknowledge' }).click();
    await mine.getByText('Acknowledged by', { exact: false }).waitFor();
    await pollUntil(page, () => document.querySelector('[data-testid="comment-count"] .count')?.textContent === '0', { what: 'the count back to 0' });
    assert.equal(await mine.getByRole('button', { name: 'Acknowledge' }).count(), 0);
    await page.getByTestId('comment-count').click();
    await page.getByText('No comment is waiting for you.').waitFor();
    await page.getByTestId('comments-read').getByText(TEXT).waitFor();

    // Reconnect and sync; the supervisor sees it acknowledged.
    await tablet.context.setOffline(false);
    await syncNow(page);
    await syncNow(s);
    await s.goto(projectUrl);
    await waitForApp(s);
    const seen = s.getByTestId('comments').locator('li.comment', { hasText: TEXT });
    await seen.getByText('Acknowledged by', { exact: false }).waitFor({ timeout: 30000 });
    assert.equal(await seen.getAttribute('data-acknowledged'), 'true');
    await seen.getByText('Re-observed on Tuesday', { exact: false }).waitFor();
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

test('a comment on an assessment in the history, acknowledged from the inbox', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const MENTEE = 'Claudine Mukamana';
  const ASK = 'Repeat the pre-test after the coaching session';
  try {
    // The mentor saves a pre-test (left blank) for a new mentee and syncs.
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await choosePlace(page, 'Rango Health Centre');
    await register(page, MENTEE, 'Midwife');
    const href = await page.getByTestId('mentee-list').locator('li', { hasText: MENTEE })
      .getByRole('link', { name: 'Open' }).getAttribute('href');
    await page.goto(`${server.url}${href}/test/hbb/pre`);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('button', { name: 'Save and show the score' }).click();
    await page.getByText('Saved on this device.').waitFor();
    await syncNow(page);

    // The supervisor comments on that assessment from the mentee's history.
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await s.goto(`${server.url}${href}`);
    await waitForApp(s);
    const entry = s.getByTestId('history').locator('li', { hasText: 'Pre-test' }).first();
    await entry.waitFor({ timeout: 30000 });
    await entry.getByText('Comment', { exact: true }).click();
    await entry.getByLabel('Comment or request for the mentor').fill(ASK);
    await entry.getByRole('button', { name: 'Save the comment' }).click();
    await entry.locator('li.comment', { hasText: ASK }).getByText('Not acknowledged yet').waitFor();
    assert.deepEqual(await seriousViolations(s), [], '/mentees/:id with a comment on an assessment');
    await syncNow(s);

    // The mentor sees it waiting, opens the mentee from the inbox, and acknowledges in the inbox.
    await syncNow(page);
    await pollUntil(page, () => document.querySelector('[data-testid="comment-count"] .count')?.textContent === '1', { what: 'the count of 1' });
    await page.getByTestId('comment-count').click();
    const waiting = page.getByTestId('comments-waiting').locator('li.comment', { hasText: ASK });
    await waiting.getByText('On an assessment').waitFor();
    await waiting.getByRole('link', { name: 'Open' }).click();
    await page.getByTestId('history').locator('li.comment', { hasText: ASK }).waitFor();
    assert.ok(page.url().endsWith(href));
    await page.getByTestId('comment-count').click();
    await page.getByTestId('comments-waiting').locator('li.comment', { hasText: ASK })
      .getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('comments-read').locator('li.comment', { hasText: ASK }).getByText('Acknowledged by', { exact: false }).waitFor();
    assert.equal(await count(page).textContent(), '0');
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
