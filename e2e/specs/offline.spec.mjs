// (c) After one online visit, with the network off and the server stopped, a reload still starts
// the app (unlocked with the PIN) and every top-level route renders, with the user's places kept
// on the device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, installApp } from '../lib/harness.mjs';
import { go, signIn } from '../lib/flows.mjs';

const ROUTES = [
  { path: '/', heading: 'Mentees' },
  { path: '/places', heading: 'My places' },
  { path: '/sync', heading: 'Sync' },
  { path: '/settings', heading: 'Settings' },
  { path: '/a/deep/link/nobody/knows', heading: 'Page not found' },
];

test('offline with the server stopped: reload and every route still render', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await installApp(browser, server.url);
    await signIn(page, server.url, 'mentor');
    await go(page, 'My places');
    await page.getByTestId('facility-list').getByText('Rango Health Centre').waitFor();

    await server.stop();
    await browser.context.setOffline(true);

    await page.goto(`${server.url}/places`);
    await page.getByTestId('sync-badge').getByText('Offline').waitFor();
    await page.getByText('Shown from this device: you are offline.').waitFor();
    await page.getByTestId('facility-list').getByText('Rango Health Centre').waitFor();

    for (const { path, heading } of ROUTES) {
      await page.goto(`${server.url}${path}`);
      await waitForApp(page);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    // In-app navigation works offline too.
    await page.getByRole('link', { name: 'Sync' }).click();
    await page.getByTestId('network-state').getByText('Offline').waitFor();
    assert.deepEqual(browser.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
