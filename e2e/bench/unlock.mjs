// Issue 14's budgets, measured (not asserted): in Chromium at 4× CPU slowdown, with the records
// `server/benches/unlock.rs` pushed, how long (a) a restart takes to show the lock screen,
// (b) the PIN takes to open the app and show the facility's mentee list with every record, and
// (c) a registration takes from "Save" to "Saved on this device." (durable in IndexedDB).
// Run by `cargo bench -p mentora-server --bench unlock`; prints one line per measure.
import { launchBrowser, waitForApp } from '../lib/harness.mjs';
import { PIN, signIn, choosePlace } from '../lib/flows.mjs';

const url = process.env.MENTORA_BENCH_URL;
const records = Number(process.env.MENTORA_BENCH_RECORDS);
const RUNS = 5;
const SLOWDOWN = 4;

// The list renders a page of cards and counts them all ("1000 mentees · 50 shown").
const listed = (page, n) => page.waitForFunction(
  (n) => document.querySelector('[data-testid="mentee-list"] li')
    && parseInt(document.querySelector('[data-testid="mentee-count"]')?.textContent ?? '', 10) >= n,
  n, { timeout: 300000 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (what, xs, budget) => console.log(
  `${what}: median ${median(xs)} ms, runs ${xs.join(', ')} ms${budget ? ` (budget ${budget} ms)` : ''}`);

const tablet = await launchBrowser();
try {
  const page = await tablet.page();
  await signIn(page, url, 'mentor');
  await choosePlace(page, 'Rango Health Centre');
  let started = Date.now();
  await listed(page, records);
  console.log(`all ${records} records listed ${Date.now() - started} ms after the place was chosen (initial sync, no slowdown)`);
  page.mentoraPin = null;

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  const lock = page.getByTestId('lock-screen');
  const [starts, opens] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    started = Date.now();
    await page.reload();
    await lock.getByLabel('PIN', { exact: true }).waitFor({ timeout: 60000 });
    starts.push(Date.now() - started);
    await lock.getByLabel('PIN', { exact: true }).fill(PIN);
    started = Date.now();
    await lock.getByLabel('PIN', { exact: true }).press('Enter');
    await listed(page, records);
    opens.push(Date.now() - started);
  }
  report(`restart to the lock screen at ${SLOWDOWN}× slowdown`, starts);
  report(`PIN to the list of ${records} mentees at ${SLOWDOWN}× slowdown (unlock + open)`, opens, 1500);

  const saves = [];
  const form = page.getByTestId('register-mentee');
  for (let i = 0; i < RUNS; i++) {
    await form.getByLabel('Full name').fill(`Timed Save ${i}`);
    await form.getByLabel('Cadre').selectOption({ label: 'Nurse' });
    started = Date.now();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved on this device.').waitFor();
    saves.push(Date.now() - started);
    await waitForApp(page);
  }
  report(`a registration from Save to durable at ${SLOWDOWN}× slowdown`, saves, 100);
} finally {
  await tablet.close();
}
