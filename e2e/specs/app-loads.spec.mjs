// (a) The app loads, the home screen lists the demo places, and the layout holds on a phone and
// a tablet with touch targets of at least 48 px; the language switch persists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp } from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

for (const viewport of [{ width: 360, height: 640 }, { width: 800, height: 1280 }]) {
  test(`home lists the demo facilities at ${viewport.width}×${viewport.height}`, async () => {
    const browser = await launchBrowser({ viewport });
    try {
      const page = await browser.page();
      await page.goto(server.url);
      await waitForApp(page);
      await page.getByRole('heading', { level: 1, name: 'My places' }).waitFor();
      const list = page.getByTestId('facility-list');
      await list.getByText('Rango Health Centre').waitFor();
      const names = await list.locator('h2').allTextContents();
      assert.deepEqual(names.sort(), [
        'Busoro Health Post', 'Kabutare District Hospital', 'Nyanza District Hospital',
        'Rango Health Centre', 'Simbi Health Centre',
      ]);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);

      const small = await page.evaluate(() => [...document.querySelectorAll('button, nav a, .sync-badge, .brand')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ text: el.textContent.trim(), ...el.getBoundingClientRect().toJSON() }))
        .filter((r) => r.height < 48 || r.width < 48));
      assert.deepEqual(small, [], 'touch targets smaller than 48 px');
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('choosing a place shows it in the header and survives a reload', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await page.goto(server.url);
    await waitForApp(page);
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
