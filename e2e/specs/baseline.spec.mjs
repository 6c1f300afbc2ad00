// The facility baseline assessment offline from a cold start: two assessments section by
// section (a draft surviving a reload, an unanswered item refused and shown), each scored by
// section, the second compared with the first in words; then the supervisor's fresh device
// sees both and the comparison.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, syncNow, openTool, unexpectedErrors, isoDay } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const SECTIONS = [
  ['reports_on_time', 'registers_complete', 'indicators_displayed', 'death_audits'],
  ['triage', 'staffing', 'referral', 'qi_team'],
  ['water', 'electricity', 'resuscitation_area', 'warmth', 'bp_machines', 'sterilisation'],
  ['oxytocin', 'magnesium_calcium', 'antimalarials_rdt', 'fp_commodities'],
  ['mnh_protocols', 'imci_booklet', 'fp_guidelines', 'hiv_tb_guidelines', 'partograph_forms'],
];
const NA = new Set(['death_audits', 'hiv_tb_guidelines']);

/** Answers the shown section: `special[id]` or "partial" (not applicable where allowed). */
async function answerSection(form, index, special = {}, skip = []) {
  await form.getByTestId('baseline-section').getByText(`Section ${index + 1} of 5`, { exact: false }).waitFor();
  for (const id of SECTIONS[index]) {
    if (skip.includes(id)) continue;
    const code = special[id] ?? (NA.has(id) ? 'not_applicable' : 'partial');
    await form.locator(`input[name="baseline-${id}"][value="${code}"]`).check();
  }
}

const row = (page, name) => page.getByTestId('baseline-result').getByRole('row', { name: new RegExp(`^${name}`) });

test('two baseline assessments offline, compared by section, seen by the supervisor', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const first = isoDay(-60);
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();

    await openTool(page, 'Facility baseline');
    await page.getByText('No baseline assessment at this place yet.').waitFor();
    const form = page.getByTestId('new-baseline');
    await form.getByLabel('Date of the assessment').fill(first);
    // Section 1 with one item left unanswered; section 2 half done, then the app is reloaded.
    await answerSection(form, 0, {}, ['indicators_displayed']);
    await form.getByRole('button', { name: 'Next section' }).click();
    await form.locator('input[name="baseline-triage"][value="partial"]').check();
    assert.deepEqual(await seriousViolations(page), [], '/baseline form');
    await page.reload();
    await waitForApp(page);
    await form.getByText('Section 2 of 5', { exact: false }).waitFor();
    assert.equal(await form.locator('input[name="baseline-triage"][value="partial"]').isChecked(), true);
    assert.equal(await form.getByLabel('Date of the assessment').inputValue(), first);
    await answerSection(form, 1);
    for (const index of [2, 3, 4]) {
      await form.getByRole('button', { name: 'Next section' }).click();
      await answerSection(form, index);
    }
    await form.getByLabel('Notes (optional)').fill('Generator broken since March');
    await form.getByRole('button', { name: 'Save the assessment' }).click();
    // The unanswered item is named and its section shown again.
    await form.getByText('Answer every item of this section before saving: Key indicators analysed and displayed').waitFor();
    await form.getByText('Section 1 of 5', { exact: false }).waitFor();
    await form.locator('input[name="baseline-indicators_displayed"][value="partial"]').check();
    for (let i = 0; i < 4; i += 1) await form.getByRole('button', { name: 'Next section' }).click();
    await form.getByRole('button', { name: 'Save the assessment' }).click();

    // The first result: every section at 50%, nothing to compare with.
    await page.getByRole('heading', { level: 1, name: 'Baseline result' }).waitFor();
    await page.getByText('First assessment at this place: nothing to compare with yet.').waitFor();
    await row(page, 'Health data review').getByRole('cell', { name: '50%' }).waitFor();
    await row(page, 'Overall').getByRole('cell', { name: '50%' }).waitFor();
    await page.getByText('Generator broken since March').waitFor();

    // The second assessment, today: health data all yes, one guideline missing.
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByTestId('baseline-list').locator('li', { hasText: first }).getByText('Overall: 50%').waitFor();
    assert.equal(await form.locator('input[name="baseline-reports_on_time"]:checked').count(), 0, 'draft cleared once saved');
    await answerSection(form, 0, { reports_on_time: 'yes', registers_complete: 'yes', indicators_displayed: 'yes' });
    for (const index of [1, 2, 3, 4]) {
      await form.getByRole('button', { name: 'Next section' }).click();
      await answerSection(form, index, { mnh_protocols: 'no' });
    }
    await form.getByRole('button', { name: 'Save the assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Baseline result' }).waitFor();

    // Health data 3/6 → 6/6; guidelines 4/8 → 3/8 (37.5% → 38%); overall 21/42 → 23/42 (55%).
    const checkComparison = async (p) => {
      await p.getByTestId('baseline-compared').getByText(first, { exact: false }).waitFor({ timeout: 30000 });
      await row(p, 'Health data review').getByRole('cell', { name: '100%' }).waitFor();
      await row(p, 'Health data review').getByText('up 50 points').waitFor();
      await row(p, 'National guidelines and protocols').getByText('down 12 points').waitFor();
      await row(p, 'Service organisation').getByText('no change').waitFor();
      await row(p, 'Overall').getByText('up 5 points').waitFor();
    };
    await checkComparison(page);
    assert.deepEqual(await seriousViolations(page), [], '/baseline/:id');
    assert.deepEqual(await checkLayout(page, '/baseline/:id'), []);

    // Reconnect and sync; the supervisor's fresh device sees both and the comparison.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/baseline`);
    await waitForApp(s);
    const list = s.getByTestId('baseline-list');
    await list.locator('li', { hasText: first }).waitFor({ timeout: 30000 });
    assert.equal(await list.locator('li').count(), 2);
    await list.locator('li').first().getByRole('link', { name: 'See the result' }).click();
    await checkComparison(s);
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
