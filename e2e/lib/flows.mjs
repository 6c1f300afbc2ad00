// Steps every user-flow spec shares: sign in, choose a place, register a mentee, sync.
import { waitForApp } from './harness.mjs';

export const badge = (page) => page.getByTestId('sync-badge');

/** Clicks a link of the bottom navigation. */
export const go = (page, name) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();

/** The PIN every spec's users choose at their first sign-in on a browser. */
export const PIN = '482913';

/**
 * Signs in with the demo password; at the first sign-in on this browser the user then chooses
 * the PIN, and from then on every `page.goto`/`page.reload` (an app restart, which locks) is
 * followed by unlocking with it. A spec about the lock sets `page.mentoraPin = null` to see
 * the lock screen itself.
 */
export async function signIn(page, url, username) {
  await page.goto(`${url}/login`);
  await waitForApp(page);
  const lock = page.getByTestId('lock-screen');
  if (await lock.isVisible()) await lock.getByRole('button', { name: 'Sign in with another account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('mentora-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Each role starts where it works: mentors with their mentees, supervisors and admins on the dashboard.
  const start = page.getByRole('heading', { level: 1, name: /^(Mentees|Dashboard)$/ });
  const choose = page.getByTestId('choose-pin');
  await start.or(choose).waitFor();
  if (await choose.isVisible()) await choosePin(page, PIN);
  await start.waitFor();
  await page.getByTestId('header-user').getByText(username, { exact: false }).waitFor();
  unlockAfterRestarts(page, PIN);
}

export async function choosePin(page, pin) {
  const form = page.getByTestId('choose-pin');
  await form.getByLabel('New PIN').fill(pin);
  await form.getByLabel('Repeat the PIN').fill(pin);
  await form.getByRole('button', { name: 'Set PIN' }).click();
  await form.waitFor({ state: 'detached' });
}

/** Unlocks with `pin` if the app shows its lock screen (after a restart). */
export async function unlockIfLocked(page, pin = page.mentoraPin) {
  if (!pin) return;
  await waitForApp(page);
  const lock = page.getByTestId('lock-screen');
  if (!(await lock.isVisible())) return;
  await lock.getByLabel('PIN').fill(pin);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await lock.waitFor({ state: 'detached' });
}

function unlockAfterRestarts(page, pin) {
  page.mentoraPin = pin;
  if (page.mentoraUnlocks) return;
  page.mentoraUnlocks = true;
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await original(...args);
      await unlockIfLocked(page);
      return response;
    };
  }
}

export async function choosePlace(page, name) {
  await go(page, 'My places');
  // A user with a single facility has it chosen already.
  const button = page.locator('li.card', { hasText: name }).getByRole('button');
  await button.waitFor();
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.getByTestId('header-place').getByText(name).waitFor();
  await go(page, 'Mentees');
}

export async function register(page, name, cadre) {
  const form = page.getByTestId('register-mentee');
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Cadre').selectOption({ label: cadre });
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Saved on this device.').waitFor();
}

/** Presses "Sync now" on the Sync screen and waits for the badge to say Synced. */
export async function syncNow(page) {
  await go(page, 'Sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  try {
    await badge(page).getByText('Synced').waitFor({ timeout: 30000 });
  } catch (err) {
    // Say what the app said instead, so a failure in CI can be told from a slow machine.
    const said = await page.locator('main').innerText().catch(() => '(page unreadable)');
    const shown = await badge(page).innerText().catch(() => '(no badge)');
    throw new Error(`not synced within 30 s; badge: ${shown}; sync screen: ${said.slice(0, 600)}`, { cause: err });
  }
}

/** Errors seen by the browser, minus the expected ones of being offline. */
export const unexpectedErrors = (...browsers) =>
  browsers.flatMap((b) => b.errors).filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(e));

/** Opens one of today's place's tools from the Facility hub of the bottom navigation. */
export async function openTool(page, name) {
  await go(page, 'Facility');
  await page.getByTestId('facility-tools').getByRole('link', { name: new RegExp(`^${name}`) }).click();
}

/** The local date `days` from today as YYYY-MM-DD (what a date input holds). */
export function isoDay(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
