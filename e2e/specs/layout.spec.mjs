// Right for the screen: every route at a phone's size (360×640) and a tablet's (800×1280) — no
// sideways scrolling, no control running past its box, touch targets of at least 48 px — with a
// screenshot of each in e2e/test-results/layout/. The routes that need a record (a mentee, a QI
// project, a visit, an assessment) are checked where their own specs make one. Also: the places
// a user sees are their own, each role starts where it works, and /api/places needs a sign-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp } from '../lib/harness.mjs';
import { go, signIn, register, unexpectedErrors } from '../lib/flows.mjs';
import { checkLayout, layoutProblems, PHONE } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

/** Moves within the app as a link does (no reload, so no lock screen), then waits for its title. */
async function visit(page, path, heading) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
}

/** Visits each route and checks its layout at both sizes; the problems found. */
async function checkRoutes(page, routes) {
  const found = [];
  for (const [path, heading] of routes) {
    await visit(page, path, heading);
    found.push(...await checkLayout(page, path));
  }
  return found;
}

const MENTOR_ROUTES = [
  ['/places', 'My places'],
  ['/mentees', 'Mentees'],
  ['/facility', 'Facility'],
  ['/progress', 'Progress'],
  ['/visits', 'Visits'],
  ['/qi', 'Quality improvement'],
  ['/contacts', 'Follow-up contacts'],
  ['/facility-data', 'Facility data'],
  ['/chw', 'CHW group sessions'],
  ['/cascade', 'Cascade'],
  ['/baseline', 'Facility baseline'],
  ['/tutorat', 'Tutorat cycle'],
  ['/sync', 'Sync'],
  ['/settings', 'Settings'],
  ['/comments', 'Comments'],
  ['/a/deep/link/nobody/knows', 'Page not found'],
];

const SUPERVISOR_ROUTES = [
  ['/dashboard', 'Dashboard'],
  ['/dashboard/report', 'Monthly report'],
  ['/dashboard/quarter', 'Quarterly coordination pack'],
  ['/supervision', 'Joint supervision visits'],
];

test('a mentor with one facility starts there, sees only their places, and every route fits', async () => {
  const tablet = await launchBrowser({ viewport: PHONE });
  try {
    const page = await tablet.page();
    assert.equal((await fetch(`${server.url}/api/places`)).status, 401, 'places need a sign-in');
    await page.goto(`${server.url}/`);
    await waitForApp(page);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).waitFor();
    const found = await checkLayout(page, '/ signed out');
    await page.goto(`${server.url}/login`);
    await waitForApp(page);
    found.push(...await checkLayout(page, '/login'));

    await signIn(page, server.url, 'mentor');
    // One facility: chosen for them, and the mentee list is where they start.
    await page.getByTestId('header-place').getByText('Rango Health Centre').waitFor();
    await register(page, 'Layout Mentee', 'Nurse');
    await go(page, 'My places');
    const names = await page.getByTestId('facility-list').locator('h2').allTextContents();
    assert.deepEqual(names, ['Rango Health Centre'], 'only the places of their scope');

    found.push(...await checkRoutes(page, MENTOR_ROUTES));
    assert.deepEqual(found, []);
    assert.deepEqual(unexpectedErrors(tablet), []);
  } finally {
    await tablet.close();
  }
});

test('a supervisor starts on the dashboard of their scope, and its routes fit', async () => {
  const tablet = await launchBrowser({ viewport: PHONE });
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'supervisor');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await go(page, 'My places');
    const names = await page.getByTestId('facility-list').locator('h2').allTextContents();
    assert.deepEqual(names.sort(), ['Kabutare District Hospital', 'Rango Health Centre', 'Simbi Health Centre'],
      "Huye's facilities, none of Nyanza's");
    assert.deepEqual(await checkRoutes(page, SUPERVISOR_ROUTES), []);
    assert.deepEqual(unexpectedErrors(tablet), []);
  } finally {
    await tablet.close();
  }
});

test('the layout check itself sees sideways scrolling, a control past its box and a small target', async () => {
  const browser = await launchBrowser({ viewport: PHONE });
  try {
    const page = await browser.page();
    await page.setContent(`
      <div style="width: 200px; display: flex"><span style="flex: none; width: 190px">text</span>
        <button style="flex: none; width: 100px; height: 48px">Choose</button></div>
      <button style="width: 30px; height: 30px">x</button>
      <p>An <a href="#">inline link</a> is fine.</p>
      <div style="width: 500px; height: 10px"></div>`);
    const problems = await layoutProblems(page);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0], /scrolls sideways by \d+px/);
    assert.match(problems[1], /button "Choose" runs past div/);
    assert.match(problems[2], /button "x" is 30×30 px, under 48/);
  } finally {
    await browser.close();
  }
});
