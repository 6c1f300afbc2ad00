// Knowledge test end to end: a pre-test taken offline on a tablet survives a reload mid-test
// (draft), is scored with the questions missed shown (with the reason, where the test version
// gives one), is accessible and thumb-sized at 360 px, and reaches the server: a supervisor's
// fresh device sees it in the mentee's history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker, installApp } from '../lib/harness.mjs';
import { badge, signIn as signInAt, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
const signIn = (page, username) => signInAt(page, server.url, username);
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const MENTEE = 'Grace Mukamana';
const progress = (page) => page.getByTestId('test-progress');
const choose = (page, label) => page.getByRole('radio', { name: label });

test('a pre-test taken offline keeps its answers across a reload, scores, and syncs', async () => {
  const tablet = await launchBrowser();
  const other = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await register(page, MENTEE, 'Midwife');
    const href = await page.getByTestId('mentee-list').locator('li', { hasText: MENTEE })
      .getByRole('link', { name: 'Open' }).getAttribute('href');
    const id = href.split('/').pop();
    assert.match(id, /^[0-9a-f]{32}$/);

    // Offline from here on, starting cold on the test's own address.
    await tablet.context.setOffline(true);
    await page.goto(`${server.url}/mentees/${id}/test/hbb/pre`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'Pre-test: Helping Babies Breathe' }).waitFor({ timeout: 30000 });
    await page.getByRole('link', { name: `Back to ${MENTEE}` }).waitFor();
    // HBB test version 2 (the newest, which new tests use): 16 questions, the first six those of
    // version 1 (golden minute, rate, first action, chest not moving, normal heart rate, mask;
    // the rate question's wrong options are now 10, 100 and 150 breaths per minute).
    await progress(page).getByText('Question 1 of 16').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'question screen');
    assert.deepEqual(await checkLayout(page, '/mentees/:id/test/:competency/:phase'), []);

    await choose(page, /Within one minute of birth/).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await progress(page).getByText('Question 2 of 16').waitFor();
    await choose(page, '40 breaths per minute').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await choose(page, 'Bathe the baby').check(); // wrong: dry the baby thoroughly

    // Closing the app mid-test loses nothing.
    await page.reload();
    await waitForApp(page);
    await progress(page).getByText('Question 3 of 16').waitFor({ timeout: 30000 });
    assert.equal(await choose(page, 'Bathe the baby').isChecked(), true);
    await page.getByText('3 of 16 answered').waitFor();
    await page.getByRole('button', { name: 'Previous' }).click();
    await progress(page).getByText('Question 2 of 16').waitFor();
    assert.equal(await choose(page, '40 breaths per minute').isChecked(), true);

    // At 360 px wide every answer and navigation control is at least 48 px tall.
    await page.setViewportSize({ width: 360, height: 640 });
    const heights = await page.locator('.kt-option, .kt-nav button, .kt-bar button').evaluateAll(
      (nodes) => nodes.filter((n) => n.getClientRects().length > 0).map((n) => n.getBoundingClientRect().height));
    assert.ok(heights.length >= 6, `controls measured: ${heights}`);
    assert.ok(heights.every((h) => h >= 48), `control heights: ${heights}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling at 360 px');

    // The list mode shows every question; answer one more there, wrongly.
    await page.getByRole('button', { name: 'Show all questions' }).click();
    await progress(page).getByText('All 16 questions').waitFor();
    assert.equal(await page.getByRole('group').count(), 16);
    await choose(page, 'Stop ventilation').check();
    await page.getByText('4 of 16 answered').waitFor();

    // Finishing warns about the twelve questions left blank (5 to 16).
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { name: 'Finish the test?' }).waitFor();
    await page.getByText('Questions not answered: 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16').waitFor();
    await page.getByText('A question left unanswered scores zero.').waitFor();
    await page.getByRole('button', { name: 'Save and show the score' }).click();

    await page.getByText('Saved on this device.').waitFor();
    // Two right (questions 1 and 2) of 16: 12.5%, shown rounded down.
    assert.equal(await page.getByTestId('test-score').textContent(), '2 / 16 (12%)');
    await page.getByText('Pass mark not reached (85% needed).').waitFor();
    const missed = page.getByTestId('missed').locator('li');
    // 14 missed: questions 3 and 4 answered wrongly, 5 to 16 left blank.
    assert.equal(await missed.count(), 14);
    await missed.filter({ hasText: 'Bathe the baby' }).getByText('Dry the baby thoroughly').waitFor();
    await missed.filter({ hasText: 'What heart rate is normal' }).getByText('Not answered').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'result screen');
    const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mentora.draft.')));
    assert.deepEqual(drafts, [], 'the draft is cleared once saved');

    // Back online: the test reaches the server (the badge counted it as waiting until then).
    await badge(page).getByText(/changes? waiting/).waitFor();
    await page.setViewportSize({ width: 800, height: 1280 });
    await tablet.context.setOffline(false);
    await syncNow(page);

    // Bad links say what is wrong.
    for (const [path, heading] of [
      [`/mentees/${id}/test/nope/pre`, 'Unknown competency'],
      [`/mentees/${id}/test/hbb/mid`, 'Unknown test'],
      [`/mentees/${'0'.repeat(32)}/test/hbb/pre`, 'Mentee not found'],
      ['/mentees/not-an-id/test/hbb/pre', 'Mentee not found'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await waitForApp(page);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 30000 });
    }

    // A test version that gives reasons shows each missed question's reason (partograph v2).
    await page.goto(`${server.url}/mentees/${id}/test/partograph/pre`);
    await waitForApp(page);
    await progress(page).getByText('Question 1 of 16').waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Show all questions' }).click();
    await choose(page, '110–160 beats per minute').check();
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('button', { name: 'Save and show the score' }).click();
    assert.equal(await page.getByTestId('test-score').textContent(), '1 / 16 (6%)');
    const reasons = page.getByTestId('missed').locator('li');
    assert.equal(await reasons.count(), 15);
    await reasons.filter({ hasText: 'more than 40 seconds' })
      .getByText('Why: Dots: under 20 s; diagonal lines: 20–40 s; fully shaded: over 40 s.').waitFor();
    assert.equal(await page.getByTestId('missed').getByText('What is the normal fetal heart rate').count(), 0);
    await syncNow(page);
    assert.deepEqual(unexpectedErrors(tablet), []);

    // A fresh device: the district supervisor sees the pre-test in the mentee's history (the
    // history list belongs to the mentee screen).
    const s = await other.page();
    await signIn(s, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.getByTestId('mentee-list').locator('li', { hasText: MENTEE }).getByRole('link', { name: 'Open' }).click();
    const history = s.getByTestId('history');
    await history.getByText('12%').waitFor({ timeout: 30000 });
    await history.getByText('6%').waitFor();
    assert.equal(await history.getByText('Pre-test').count(), 2);
  } finally {
    await tablet.close();
    await other.close();
  }
});

test('signed out, the test screen asks to sign in', async () => {
  const browser = await launchBrowser();
  try {
    const page = await installApp(browser, server.url);
    await page.goto(`${server.url}/mentees/${'a'.repeat(32)}/test/hbb/post`);
    await waitForApp(page);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Mentora' }).waitFor();
  } finally {
    await browser.close();
  }
});
