// The mentorship cycle on Helping Babies Breathe, as the specs drive it: open a mentee, choose
// HBB, take its test and observe it from the competency card. Questions and steps come from the
// catalogue file itself, so a catalogue change cannot leave a spec answering stale questions.
import { readFileSync } from 'node:fs';
import { go } from './flows.mjs';

const FILE = new URL('../../shared/catalogue/competencies/hbb.json', import.meta.url);
const HBB = JSON.parse(readFileSync(FILE, 'utf8'));
const hbb = Array.isArray(HBB) ? HBB[0] : HBB;

/** The newest knowledge test's questions. */
export const QUESTIONS = hbb.knowledge_tests.at(-1).questions;
/** The newest checklist's steps, in order. */
export const STEPS = hbb.checklists.at(-1).sections.flatMap((s) => s.items);

/** The HBB card on the mentee's page. */
export const card = (page) => page.getByTestId('competencies').locator('li', { hasText: 'Helping Babies Breathe' });

/** Opens the mentee from the Mentees list; returns the document id from the address. */
export async function openMentee(page, name) {
  await go(page, 'Mentees');
  await page.getByTestId('mentee-list').locator('li', { hasText: name }).getByRole('link', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30000 });
  return new URL(page.url()).pathname.split('/').pop();
}

/** Chooses HBB to mentor on the open mentee's page. */
export async function chooseHbb(page) {
  await page.getByText('Choose competencies to mentor').click();
  await page.getByTestId('choose-competencies').getByLabel('Helping Babies Breathe', { exact: false }).check();
  await page.getByTestId('choose-competencies').getByRole('button', { name: 'Save competencies' }).click();
  await card(page).getByText('take the pre-test').waitFor();
}

/** Takes the test from the competency card, answering the first `correct` questions right. */
export async function takeTest(page, phase, correct = QUESTIONS.length) {
  await card(page).getByRole('link', { name: phase }).click();
  await page.getByRole('button', { name: 'Show all questions' }).click();
  for (const [i, q] of QUESTIONS.entries()) {
    const right = q.options.find((o) => o.id === q.answer);
    const wrong = q.options.find((o) => o.id !== q.answer);
    await page.locator('fieldset.kt-question', { hasText: q.text.en })
      .getByRole('radio', { name: (i < correct ? right : wrong).text.en, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Save and show the score' }).click();
  await page.getByText('Saved on this device.').waitFor();
}

/**
 * Observes from the card (a simulation); `notDone` lists step ids marked Not done, the rest
 * Done. `feedback` fills what went well and what to improve. Ends back on the mentee's page.
 */
export async function observe(page, purpose, notDone = [], feedback = null) {
  await card(page).getByRole('link', { name: 'Observe' }).click();
  await page.getByRole('radio', { name: purpose, exact: true }).check();
  await page.getByRole('radio', { name: 'Simulation', exact: true }).check();
  for (const step of STEPS) {
    const mark = notDone.includes(step.id) ? 'Not done' : 'Done';
    await page.locator('li.obs-step', { hasText: step.text.en })
      .getByRole('radio', { name: mark, exact: true }).check();
  }
  if (feedback) {
    await page.getByLabel('What went well').fill(feedback.well);
    await page.getByLabel('What to improve').fill(feedback.improve);
  }
  await page.getByRole('button', { name: 'Save the observation' }).click();
  const outcome = page.getByTestId('observation-outcome');
  await outcome.getByText('Saved on this device.').waitFor({ timeout: 30000 });
  await outcome.getByRole('link', { name: 'Back to the mentee' }).click();
}
