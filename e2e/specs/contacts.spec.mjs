// Follow-up contacts offline from a cold start: a WhatsApp contact with a registered mentee, the
// form's draft surviving a reload, the list newest first; then the supervisor sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForApp, waitForServiceWorker } from '../lib/harness.mjs';
import { badge, signIn, choosePlace, register, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const MENTEE = 'Josiane Uwimana';
const TOPIC = 'Baby not breathing at birth after a long second stage';

test('a WhatsApp follow-up contact, offline, seen by the supervisor', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await register(page, MENTEE, 'Midwife');

    await page.goto(`${server.url}/contacts`);
    await waitForApp(page);
    await page.getByText('No contacts recorded at this place yet.').waitFor();
    const form = page.getByTestId('record-contact');
    // The mentee list comes from this device's records once they are loaded.
    await form.getByLabel('Mentee', { exact: true }).locator('option', { hasText: MENTEE }).waitFor({ state: 'attached', timeout: 30000 });
    await form.getByLabel('Mentee', { exact: true }).selectOption({ label: MENTEE });
    await form.getByLabel('WhatsApp').check();
    await form.getByText('No patient names or other identifiers', { exact: false }).waitFor();
    await form.getByLabel('Topic or case discussed').fill(TOPIC);
    await form.getByLabel('Advice given').fill('Dry and stimulate, then ventilate within the golden minute');

    // The half-filled form survives a reload.
    await page.reload();
    await waitForApp(page);
    await form.getByLabel('Mentee', { exact: true }).locator('option', { hasText: MENTEE }).waitFor({ state: 'attached', timeout: 30000 });
    assert.equal(await form.getByLabel('Topic or case discussed').inputValue(), TOPIC);
    assert.equal(await form.getByLabel('WhatsApp').isChecked(), true);
    assert.equal(await form.getByLabel('Mentee', { exact: true }).evaluate((s) => s.selectedOptions[0]?.textContent), MENTEE);

    await form.getByLabel('Next step').fill('Practise on the mannequin daily; call back on Friday');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved on this device.').waitFor();
    const card = page.getByTestId('contact-list').locator('li', { hasText: TOPIC });
    await card.getByText(`WhatsApp · ${MENTEE}`, { exact: false }).waitFor();
    await card.getByText('Practise on the mannequin daily', { exact: false }).waitFor();
    assert.equal(await form.getByLabel('Topic or case discussed').inputValue(), '', 'cleared once saved');

    // An empty form is refused with the reason, not saved.
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Choose the mentee.').waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/contacts');

    // Reconnect and sync; the supervisor sees the contact with the mentee's name.
    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/contacts`);
    await waitForApp(s);
    await s.getByTestId('contact-list').locator('li', { hasText: TOPIC })
      .getByText(`WhatsApp · ${MENTEE}`, { exact: false }).waitFor({ timeout: 30000 });
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});

// Deleting a contact recorded by mistake: asked first, then gone from the list; after sync the
// supervisor's fresh device has the contact that was kept and not the deleted one.
test('a contact recorded by mistake is deleted, offline, on every device', async () => {
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  const KEPT = 'Cord care after a home birth';
  const WRONG = 'Logged for the wrong mentee';
  try {
    const page = await tablet.page();
    await signIn(page, server.url, 'mentor');
    await waitForServiceWorker(page);
    await choosePlace(page, 'Rango Health Centre');
    await tablet.context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    await badge(page).getByText('Offline').waitFor();
    await register(page, 'Aline Mukamana', 'Nurse');

    await page.goto(`${server.url}/contacts`);
    await waitForApp(page);
    const form = page.getByTestId('record-contact');
    const list = page.getByTestId('contact-list');
    for (const topic of [KEPT, WRONG]) {
      await form.getByLabel('Mentee', { exact: true }).locator('option', { hasText: 'Aline Mukamana' }).waitFor({ state: 'attached', timeout: 30000 });
      await form.getByLabel('Mentee', { exact: true }).selectOption({ label: 'Aline Mukamana' });
      await form.getByLabel('Topic or case discussed').fill(topic);
      await form.getByRole('button', { name: 'Save' }).click();
      await list.locator('li', { hasText: topic }).waitFor();
    }

    // The first tap asks; "Keep it" goes back; "Yes, delete it" deletes.
    const wrong = list.locator('li', { hasText: WRONG });
    await wrong.getByRole('button', { name: 'Delete this entry' }).click();
    await wrong.getByText('It will disappear on every device after the next sync.', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], '/contacts asking to delete');
    await wrong.getByRole('button', { name: 'Keep it' }).click();
    await wrong.getByRole('button', { name: 'Delete this entry' }).click();
    await wrong.getByRole('button', { name: 'Yes, delete it' }).click();
    await wrong.waitFor({ state: 'detached' });
    await list.locator('li', { hasText: KEPT }).waitFor();

    await tablet.context.setOffline(false);
    await syncNow(page);
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await choosePlace(s, 'Rango Health Centre');
    await s.goto(`${server.url}/contacts`);
    await waitForApp(s);
    const theirs = s.getByTestId('contact-list');
    await theirs.locator('li', { hasText: KEPT }).waitFor({ timeout: 30000 });
    assert.equal(await theirs.locator('li', { hasText: WRONG }).count(), 0);
    assert.deepEqual(unexpectedErrors(tablet, supervisor), []);
  } finally {
    await tablet.close();
    await supervisor.close();
  }
});
