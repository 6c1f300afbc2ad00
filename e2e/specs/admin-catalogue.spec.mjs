// Checklists and tests as spreadsheets: an admin downloads HBB's checklist as CSV, adds a
// critical step in it as Excel would, and checks it: a bad row is named by row and column, and
// the fixed file is previewed as the observation screen shows it (the new step badged critical,
// marks counted in the running score, nothing saved). The knowledge test goes the same way: an
// untouched download checks clean, and two keys for one question are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser } from '../lib/harness.mjs';
import { go, signIn, unexpectedErrors } from '../lib/flows.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const file = (text) => ({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

async function download(page, panel) {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId('catalogue-download').click(),
  ]);
  return { name: saved.suggestedFilename(), text: readFileSync(await saved.path(), 'utf8') };
}

test('an admin checks an edited checklist and test, and previews them as mentors will see them', async () => {
  const office = await launchBrowser();
  try {
    const page = await office.page();
    await signIn(page, server.url, 'admin');
    await go(page, 'Settings');
    await page.getByRole('link', { name: 'Checklists and tests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checklists and tests' }).waitFor();
    const panel = page.getByTestId('catalogue-sheets');
    await panel.getByTestId('catalogue-competency').selectOption('hbb');
    await panel.getByTestId('catalogue-current').getByText('Current version: 2').waitFor();

    const checklist = await download(page, panel);
    assert.equal(checklist.name, 'hbb-checklist-v2.csv');
    const lines = checklist.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines[0], 'section_id,section_en,section_fr,section_rw,step_id,step_en,step_fr,step_rw,critical,weight,na_allowed');
    assert.ok(lines.slice(1).some((line) => line.endsWith(',yes,1,no')), 'critical steps are written yes');

    // A new critical step at the end of the last section, and a row with a bad flag.
    const added = ',,,,recount_hr,Recount the heart rate after 1 minute,Recompter la fréquence cardiaque après 1 minute,,yes,2,no';
    const bad = ',,,,late_row,Late,Tard,,maybe,,';
    await panel.getByTestId('catalogue-file').setInputFiles(file([...lines, added, bad, ''].join('\r\n')));
    await panel.getByTestId('catalogue-check').click();
    const problems = panel.getByTestId('catalogue-problems');
    await problems.getByText(`Row ${lines.length + 2}: critical is “maybe”; write yes or no.`).waitFor();
    assert.equal(await panel.getByTestId('catalogue-preview').count(), 0, 'no preview of a file with problems');
    assert.deepEqual(await checkLayout(page, '/admin/catalogue'), []);

    await panel.getByTestId('catalogue-file').setInputFiles(file([...lines, added, ''].join('\r\n')));
    await panel.getByTestId('catalogue-check').click();
    const preview = panel.getByTestId('catalogue-preview');
    await preview.getByRole('heading', { name: 'Version 3, as mentors will see it' }).waitFor();
    const step = preview.locator('li.obs-step', { hasText: 'Recount the heart rate after 1 minute' });
    await step.getByText('Critical').waitFor();
    const score = preview.getByTestId('running-score');
    const before = await score.innerText();
    await step.getByRole('radio', { name: 'Done', exact: true }).check();
    await pollText(score, (text) => text !== before);
    assert.deepEqual(await checkLayout(page, '/admin/catalogue'), []);

    // The knowledge test: an untouched download is clean; two keys for one question are not.
    await panel.getByTestId('tool-test').check();
    const test = await download(page, panel);
    assert.equal(test.name, 'hbb-test-v2.csv');
    await panel.getByTestId('catalogue-file').setInputFiles(file(test.text));
    await panel.getByTestId('catalogue-check').click();
    await preview.getByText('correct answer').first().waitFor();
    const twoKeys = [
      'question_id,question_en,question_fr,option_id,option_en,option_fr,correct',
      'q1,First?,Premier ?,a,A,A,yes',
      ',,,b,B,B,yes',
    ];
    await panel.getByTestId('catalogue-file').setInputFiles(file(twoKeys.join('\r\n')));
    await panel.getByTestId('catalogue-check').click();
    await problems.getByText(`Question q1: 2 options are marked correct; mark exactly one.`).waitFor();
    assert.deepEqual(unexpectedErrors(office), []);
  } finally {
    await office.close();
  }
});

async function pollText(locator, accept) {
  for (let i = 0; i < 50; i += 1) {
    if (accept(await locator.innerText())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('the running score did not change');
}
