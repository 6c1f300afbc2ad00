// Steps every user-flow spec shares: sign in, choose a place, register a mentee, sync.
import { waitForApp } from './harness.mjs';

export const badge = (page) => page.getByTestId('sync-badge');

/** Clicks a link of the bottom navigation. */
export const go = (page, name) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();

export async function signIn(page, url, username) {
  await page.goto(`${url}/login`);
  await waitForApp(page);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('mentora-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mentees' }).waitFor();
  await page.getByTestId('header-user').getByText(username, { exact: false }).waitFor();
}

export async function choosePlace(page, name) {
  await go(page, 'My places');
  await page.locator('li.card', { hasText: name }).getByRole('button', { name: 'Choose' }).click();
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
