// (a) The app loads; signed out it lists no place and asks to sign in; today's place is kept
// across a restart; the language switch persists, per user. (Layout at both sizes: layout.spec.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startServer, launchBrowser, waitForApp } from '../lib/harness.mjs';
import { go, signIn, PIN } from '../lib/flows.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

test('signed out, the home screen asks to sign in and lists no place', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await page.goto(server.url);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'My places' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await page.getByTestId('facility-list').count(), 0);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('choosing a place shows it in the header and survives a restart', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    // A supervisor has several facilities: none is chosen for them.
    await signIn(page, server.url, 'supervisor');
    await go(page, 'My places');
    await page.getByTestId('header-place').getByText('No place chosen').waitFor();
    const card = page.locator('li.card', { hasText: 'Simbi Health Centre' });
    await card.getByRole('button', { name: 'Choose' }).click();
    await page.getByTestId('header-place').getByText('Simbi Health Centre').waitFor();
    assert.equal(await card.getByRole('button').getAttribute('aria-pressed'), 'true');
    await page.reload();
    await page.getByTestId('header-place').getByText('Simbi Health Centre').waitFor();
  } finally {
    await browser.close();
  }
});

test('the language switch changes every label and persists', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await page.goto(`${server.url}/settings`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Français').check();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    await page.getByRole('link', { name: 'Mes sites' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes sites' }).waitFor();
    await page.getByTestId('header-user').getByText('Non connecté').waitFor();
  } finally {
    await browser.close();
  }
});

test('each user keeps their language; the lock screen shows the device’s last choice', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await signIn(page, server.url, 'supervisor');
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Français').check();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('mentora.lang.supervisor')), 'fr');
    assert.equal(await page.evaluate(() => localStorage.getItem('mentora.lang')), 'fr');
    // Someone else chose English last on this tablet (signed out).
    await page.evaluate(() => localStorage.setItem('mentora.lang', 'en'));
    page.mentoraPin = null;
    await page.reload();
    await waitForApp(page);
    const lock = page.getByTestId('lock-screen');
    await lock.getByLabel('PIN').fill(PIN);
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  } finally {
    await browser.close();
  }
});

// A language is offered iff its folder app/i18n/<code>/ was there at build time.
test('Kinyarwanda is offered exactly when its translations are built in', async () => {
  const rw = new URL('../../app/i18n/rw/i18n.json', import.meta.url);
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await page.goto(`${server.url}/settings`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const option = page.getByLabel('Ikinyarwanda');
    if (!existsSync(rw)) {
      assert.equal(await option.count(), 0);
      return;
    }
    const settingsTitle = JSON.parse(readFileSync(rw, 'utf8')).Key.SettingsTitle;
    await option.check();
    await page.getByRole('heading', { level: 1, name: settingsTitle }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'rw');
  } finally {
    await browser.close();
  }
});
