// Facility data offline from a cold start: two months of an outcome indicator and its trend's
// text alternative, a verification draft that survives a reload, the verification factor in
// words; then a supervisor's device sees the values and the verification after sync.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** The month `back` months before this one, as the month picker's value and label. */
function month(back) {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return {
    value: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`,
    label: `${MONTHS[d.getMonth()]} ${d.getFullYear()}`,
  };
}

const card = (page) => page.locator('form[data-indicator="hypothermia_on_admission"]');
const verification = (page) => page.getByTestId('data-verification');

async function enterHypothermia(page, when, numerator, denominator) {
  await page.locator('#fd-month').selectOption(when.value);
  const form = card(page);
  await form.getByLabel('Newborns admitted with hypothermia').fill(String(numerator));
  await form.getByLabel('Neonatal admissions').fill(String(denominator));
  await form.getByRole('button', { name: 'Save value' }).click();
  await form.getByText('Saved on this device.').waitFor();
  await form.getByText(`Saved value: ${numerator} / ${denominator}`, { exact: false }).waitFor();
}

test('indicator values, trend and data verification, offline from a cold start', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser({ viewport: { width: 360, height: 740 } });
  const [last, before] = [month(1), month(2)];
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await page.goto(`${server.url}/facility-data`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'Facility data' }).waitFor();

    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Facility data' }).waitFor();

    // Two months of one indicator; the chart's text alternative lists both.
    await enterHypothermia(page, before, 3, 15);
    await enterHypothermia(page, last, 5, 20);
    const chart = page.getByTestId('trend-hypothermia_on_admission');
    const label = await chart.getAttribute('aria-label');
    assert.match(label, /^Hypothermia on neonatal admission — Last 12 months: /);
    assert.ok(label.includes(`${before.label}: 20% (3/15)`), label);
    assert.ok(label.includes(`${last.label}: 25% (5/20)`), label);
    assert.ok(label.includes('10 months without a value'), label);

    // A verification half entered survives a reload (offline, cold).
    const dv = verification(page);
    await dv.getByLabel('Indicator').selectOption({ label: 'Births in the facility' });
    await dv.getByLabel('Month').selectOption(last.value);
    await dv.getByLabel('Value reported').fill('50');
    await page.reload();
    await waitForApp(page);
    await verification(page).getByLabel('Value reported').waitFor();
    assert.equal(await verification(page).getByLabel('Value reported').inputValue(), '50');
    assert.equal(await verification(page).getByLabel('Month').inputValue(), last.value);
    assert.equal(await verification(page).getByLabel('Indicator').inputValue(), 'facility_births');

    // The factor and its meaning are shown before saving, and kept.
    await verification(page).getByLabel('Value recounted from registers').fill('40');
    await verification(page).getByTestId('factor').getByText('80% — over-reporting beyond ±10%').waitFor();
    await verification(page).getByRole('button', { name: 'Save verification' }).click();
    await verification(page).getByText('Saved on this device.').waitFor();
    const past = page.getByTestId('verification-list').locator('li', { hasText: 'Births in the facility' });
    await past.getByText('80% — over-reporting beyond ±10%', { exact: false }).waitFor();
    await past.getByText(last.label).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'facility data page');

    // Back online: sync, then a supervisor's fresh device sees it all.
    await tablet.context.setOffline(false);
    await syncNow(page);

    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/facility-data`);
    await waitForApp(s);
    await s.locator('#fd-month').selectOption(last.value);
    await card(s).getByText('Saved value: 5 / 20 = 25%', { exact: false }).waitFor({ timeout: 30000 });
    const seen = await s.getByTestId('trend-hypothermia_on_admission').getAttribute('aria-label');
    assert.ok(seen.includes(`${before.label}: 20% (3/15)`), seen);
    const theirs = s.getByTestId('verification-list').locator('li', { hasText: 'Births in the facility' });
    await theirs.getByText('80% — over-reporting beyond ±10%', { exact: false }).waitFor();
    await theirs.getByText('Value reported: 50', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(s), [], 'facility data page at 360 px');
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
