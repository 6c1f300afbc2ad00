// The mentor's core flow (sign in, register, pre-test, observe, post-test, validate, sync) in
// French and in Kinyarwanda, with every label taken from the translation files; each screen on
// the way is axe-clean and shows no English string. Then every screen a mentor, a supervisor
// and an admin can open, in both languages, shows no English either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp } from '../lib/harness.mjs';
import { PIN } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { QUESTIONS, STEPS } from '../lib/hbb.mjs';
import { catalogueText, englishOnPage, englishOnly, translator } from '../lib/i18n.mjs';

const LANGS = ['fr', 'rw'];
const NATIVE = { fr: 'Français', rw: 'Ikinyarwanda' };
const HBB = JSON.parse(readFileSync(new URL('../../shared/catalogue/competencies/hbb.json', import.meta.url), 'utf8'));

let server;
before(async () => { server = await startServer({ args: ['--demo-records'] }); });
after(async () => { await server.stop(); });

/** A page in `lang`: `T` for its labels, `check` for a screen (no English, axe-clean). */
async function inLanguage(browser, lang) {
  const page = await browser.page();
  const T = translator(lang);
  const leaks = englishOnly(lang);
  const check = async (screen, { axe = true } = {}) => {
    assert.deepEqual(await englishOnPage(page, leaks), [], `English on "${screen}" in ${lang}`);
    if (axe) assert.deepEqual(await seriousViolations(page), [], `axe on "${screen}" in ${lang}`);
  };
  await page.goto(`${server.url}/settings`);
  await waitForApp(page);
  await page.getByLabel(NATIVE[lang]).check();
  await page.getByRole('heading', { level: 1, name: T('Settings') }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  return { page, T, check };
}

async function signIn({ page, T, check }, username) {
  await page.goto(`${server.url}/login`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: T('Sign in to Mentora') }).waitFor();
  await check('sign in');
  await page.getByLabel(T('Username', 'i18n')).fill(username);
  await page.getByLabel(T('Password')).fill('mentora-demo');
  await page.getByRole('button', { name: T('Sign in', 'i18n'), exact: true }).click();
  const form = page.getByTestId('choose-pin');
  await form.waitFor();
  await check('choose a PIN');
  await form.getByLabel(T('New PIN')).fill(PIN);
  await form.getByLabel(T('Repeat the PIN')).fill(PIN);
  await form.getByRole('button', { name: T('Set PIN') }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('header-user').getByText(username, { exact: false }).waitFor();
}

const nav = ({ page, T }, name) =>
  page.getByRole('navigation', { name: T('Main navigation') }).getByRole('link', { name: T(name, 'i18n') }).click();

for (const lang of LANGS) {
  test(`the mentor's core flow in ${lang}, axe-clean and with no English`, async () => {
    const browser = await launchBrowser();
    try {
      const ui = await inLanguage(browser, lang);
      const { page, T, check } = ui;
      const hbbName = catalogueText(HBB.name, lang);
      const card = page.getByTestId('competencies').locator('li', { hasText: hbbName });
      await signIn(ui, 'mentor');
      await page.getByTestId('header-place').getByText('Rango Health Centre').waitFor();

      await nav(ui, 'Mentees');
      const name = `Aline ${lang.toUpperCase()}`;
      const form = page.getByTestId('register-mentee');
      await form.getByLabel(T('Full name')).fill(name);
      await form.getByLabel(T('Cadre', 'i18n')).selectOption({ label: T('Midwife', 'i18n') });
      await check('mentees');
      await form.getByRole('button', { name: T('Save', 'i18n'), exact: true }).click();
      await form.getByText(T('Saved on this device.')).waitFor();
      const openMentee = async () => {
        await nav(ui, 'Mentees');
        await page.getByTestId('mentee-list').locator('li', { hasText: name }).getByRole('link', { name: T('Open', 'i18n') }).click();
        await page.getByRole('heading', { level: 1, name }).waitFor();
      };
      await openMentee();

      await page.getByText(T('Choose competencies to mentor')).click();
      await page.getByTestId('choose-competencies').getByLabel(hbbName, { exact: false }).check();
      await check('choose competencies');
      await page.getByTestId('choose-competencies').getByRole('button', { name: T('Save competencies') }).click();
      await card.getByText(T('take the pre-test')).waitFor();

      const takeTest = async (phase, correct) => {
        await card.getByRole('link', { name: T(phase, 'pages/mentee') }).click();
        await page.getByRole('button', { name: T('Show all questions') }).click();
        for (const [i, q] of QUESTIONS.entries()) {
          const option = q.options.find((o) => (i < correct ? o.id === q.answer : o.id !== q.answer));
          await page.locator('fieldset.kt-question', { hasText: catalogueText(q.text, lang) })
            .getByRole('radio', { name: catalogueText(option.text, lang), exact: true }).check();
        }
        await check(`${phase} questions`);
        await page.getByRole('button', { name: T('Finish') }).click();
        await page.getByRole('button', { name: T('Save and show the score') }).click();
        await page.getByText(T('Saved on this device.')).waitFor();
        await check(`${phase} score`);
        await openMentee();
      };
      await takeTest('Pre-test', 3);
      await takeTest('Post-test', QUESTIONS.length);

      await card.getByRole('link', { name: T('Observe', 'pages/mentee') }).click();
      await page.getByRole('radio', { name: T('Post-mentorship', 'pages/observation'), exact: true }).check();
      await page.getByRole('radio', { name: T('Simulation', 'pages/observation'), exact: true }).check();
      for (const step of STEPS) {
        await page.locator('li.obs-step', { hasText: catalogueText(step.text, lang) })
          .getByRole('radio', { name: T('Done', 'pages/observation'), exact: true }).check();
      }
      await check('observation');
      await page.getByRole('button', { name: T('Save the observation') }).click();
      const outcome = page.getByTestId('observation-outcome');
      await outcome.getByText(T('Saved on this device.')).waitFor();
      await check('observation outcome');
      await outcome.getByRole('link', { name: T('Back to the mentee') }).click();

      await card.getByRole('button', { name: T('Confirm validation') }).click();
      const dialog = page.getByRole('dialog', { name: T('Confirm the validation') });
      await check('confirm the validation');
      await dialog.getByRole('button', { name: T('Confirm validation') }).click();
      await card.getByText(T('Validated', 'pages/mentee'), { exact: true }).waitFor();
      await check('validated mentee');

      await nav(ui, 'Sync');
      await page.getByRole('button', { name: T('Sync now') }).click();
      await page.getByTestId('sync-badge').getByText(T('Synced')).waitFor({ timeout: 30000 });
      await check('sync');
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
    }
  });
}

/** Every route each role can open; a detail screen is reached from its list's first "Open". */
const SCREENS = {
  mentor: ['/', '/places', '/mentees', '/facility', '/progress', '/qi', '/contacts', '/facility-data', '/chw',
    '/cascade', '/visits', '/baseline', '/tutorat', '/sync', '/settings', '/no/such/page'],
  supervisor: ['/dashboard', '/dashboard/report', '/dashboard/quarter', '/supervision', '/comments'],
  admin: ['/admin/places', '/admin/users', '/admin/history', '/admin/catalogue'],
};

for (const lang of LANGS) {
  test(`every screen in ${lang} shows no English`, async () => {
    for (const [role, paths] of Object.entries(SCREENS)) {
      const browser = await launchBrowser();
      try {
        const ui = await inLanguage(browser, lang);
        await signIn(ui, role);
        const { page, check } = ui;
        for (const path of paths) {
          await page.evaluate((to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }, path);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          // Lists load from the device's store after the heading: let them come, then look
          // (a slow list can only hide a leak here, never fail the spec wrongly).
          await page.waitForTimeout(300);
          await check(`${role} ${path}`, { axe: false });
        }
        assert.deepEqual(browser.errors, []);
      } finally {
        await browser.close();
      }
    }
  });
}
