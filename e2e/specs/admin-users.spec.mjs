// Users administration: an admin creates a mentor for a health centre (a refused request says
// why), the mentor signs in on their own tablet with the password handed over and starts at
// their facility; the admin sees the tablet, disables and enables the account, and every action
// is in the admin log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp } from '../lib/harness.mjs';
import { choosePin, go, signIn, unexpectedErrors, PIN } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const PASSWORD = 'Rango-mentor-2026';

test('an admin creates a mentor who signs in at their facility; disable, enable and the log', async () => {
  const office = await launchBrowser();
  const tablet = await launchBrowser();
  try {
    const page = await office.page();
    await signIn(page, server.url, 'admin');
    await go(page, 'Settings');
    await page.getByRole('link', { name: 'Users, their tablets, and the admin log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const form = page.getByTestId('new-user');
    const fill = async (username, password, repeat) => {
      await form.getByLabel(/^Username/).fill(username);
      await form.getByLabel('Full name').fill('Grace Uwase');
      await form.getByLabel(/^Mentors for/).selectOption({ label: 'District-based mentor' });
      await form.getByLabel('Find a place').fill('Rango');
      const rango = form.getByRole('checkbox', { name: 'Rango Health Centre' });
      if (!(await rango.isChecked())) await rango.check();
      await form.getByLabel(/^First password/).fill(password);
      await form.getByLabel('Repeat the password').fill(repeat);
      await form.getByRole('button', { name: 'Create the user' }).click();
    };

    // Mistakes are said in words and create nothing.
    await fill('guwase', PASSWORD, 'something-else-1');
    await form.getByText('The two passwords differ.').waitFor();
    await fill('mentor', PASSWORD, PASSWORD);
    await form.getByText('The user was not created: user mentor already exists').waitFor();

    await fill('guwase', PASSWORD, PASSWORD);
    await form.getByText('guwase was created. Hand them the password; they sign in on their tablet.').waitFor();
    const card = page.getByTestId('user-guwase');
    await card.getByText(/Grace Uwase \(guwase\) · Mentor \(District-based mentor\) · Rango Health Centre · Active/).waitFor();
    await card.getByText('No tablet has signed in yet.').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'users screen');
    assert.deepEqual(await checkLayout(page, '/admin/users'), []);

    // The mentor signs in on their tablet with the password handed over and starts at Rango.
    const t = await tablet.page();
    await t.goto(`${server.url}/login`);
    await waitForApp(t);
    await t.getByLabel('Username').fill('guwase');
    await t.getByLabel('Password').fill(PASSWORD);
    await t.getByRole('button', { name: 'Sign in', exact: true }).click();
    await choosePin(t, PIN);
    await t.getByRole('heading', { level: 1, name: 'Mentees' }).waitFor();
    await t.getByTestId('header-place').getByText('Rango Health Centre').waitFor();

    // The admin sees the tablet; disables, then enables the account.
    await page.reload();
    await card.getByText(/Tablet [0-9a-f]{8} — (synced today|never synced)/).waitFor({ timeout: 30000 });
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText(/ · Disabled$/).waitFor();
    await card.getByRole('button', { name: 'Enable' }).click();
    await card.getByText(/ · Active$/).waitFor();
    const log = page.getByTestId('admin-log');
    await log.getByText('users.enable').waitFor();
    for (const action of ['users.disable', 'users.create']) await log.getByText(action).waitFor();
    await log.getByText('guwase (mentor) at rango-hc').waitFor();

    // The refused creation is the only error the office browser saw.
    assert.deepEqual(unexpectedErrors(office).filter((e) => !/status of 422/.test(e)), []);
    assert.deepEqual(unexpectedErrors(tablet), []);
  } finally {
    await office.close();
    await tablet.close();
  }
});
