// Bringing history in: an admin imports a progress-tracker file; a bad row is named in words
// and nothing is written until it is fixed; the fixed file imports, again adds nothing; the
// mentor's tablet receives the imported mentees, and the supervisor's Tables 1 and 2 count the
// imported history (a district hospital's mentee under the mentoring association, the health
// centre's under its technical area).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from '../lib/harness.mjs';
import { go, isoDay, signIn, syncNow, unexpectedErrors } from '../lib/flows.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

// Today's date for every row: always in the current fiscal year, never in the future.
const today = isoDay(0);
const header = 'mentee_name,cadre,facility_code,phone,mentor_username,mentor_name,mentor_association,competency,kind,date,score,critical_steps_done,case,validation_date,validator_username';
const rows = (facility) => [
  `Marie Uwase,midwife,rango-hc,,mentor,,,hbb,pre_test,${today},60,,,,`,
  `Marie Uwase,midwife,rango-hc,,mentor,,,hbb,post_test,${today},15/16,,,,`,
  `Marie Uwase,midwife,rango-hc,,mentor,,,hbb,observation,${today},95,yes,real,${today},mentor`,
  `Jean Habimana,nurse,${facility},,mentor,,,hbb,pre_test,${today},50,,,,`,
  `Alice Mukeshimana,nurse,kabutare-dh,,,Dr Mugabo,rpa,hbb,pre_test,${today},70,,,,`,
];
const csv = (facility) => [header, ...rows(facility), ''].join('\n');
const file = (text) => ({ name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

function fiscalYearLabel(date = new Date()) {
  const year = date.getFullYear() + (date.getMonth() + 1 >= 7 ? 1 : 0);
  return `FY${String(year % 100).padStart(2, '0')}`;
}

test('an admin imports a tracker file; tablets and the supervisor\'s tables get the history', async () => {
  const office = await launchBrowser();
  const tablet = await launchBrowser();
  const supervisor = await launchBrowser();
  try {
    const page = await office.page();
    await signIn(page, server.url, 'admin');
    await go(page, 'Settings');
    await page.getByRole('link', { name: 'Import history (progress trackers)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import history' }).waitFor();
    const panel = page.getByTestId('history-import');
    const preview = () => panel.getByRole('button', { name: 'Preview' }).click();
    const importButton = panel.getByRole('button', { name: 'Import', exact: true });

    await panel.getByTestId('history-file').setInputFiles(file(csv('Rango HC')));
    await preview();
    await panel.getByTestId('history-errors').getByText("Row 5: unknown facility 'Rango HC'").waitFor();
    assert.equal(await importButton.count(), 0, 'a file with a row to fix cannot be imported');
    assert.deepEqual(await checkLayout(page, '/admin/history'), []);

    await panel.getByTestId('history-file').setInputFiles(file(csv('rango-hc')));
    await preview();
    await panel.getByTestId('history-summary')
      .getByText('To add: 3 mentees, 5 assessments, 1 validations. Already here: 0 mentees, 0 assessments, 0 validations.').waitFor();
    await importButton.click();
    await panel.getByTestId('history-done').getByText(/^Imported: 3 mentees, 5 assessments, 1 validations\./).waitFor();
    await panel.getByTestId('history-file').setInputFiles(file(csv('rango-hc')));
    await preview();
    await panel.getByText('Nothing to add: everything in the file is already here.').waitFor();

    // The mentor's tablet receives Rango's imported mentees at its sync.
    const t = await tablet.page();
    await signIn(t, server.url, 'mentor');
    await syncNow(t);
    await go(t, 'Mentees');
    const list = t.getByTestId('mentee-list');
    await list.getByText('Marie Uwase').waitFor({ timeout: 30000 });
    await list.getByText('Jean Habimana').waitFor();
    assert.equal(await list.getByText('Alice Mukeshimana').count(), 0, 'Kabutare is not the mentor\'s');

    // The supervisor's tables count the history: Alice (Kabutare District Hospital, mentored by
    // an RPA mentor) in Table 1; Marie and Jean (Rango Health Centre) in Table 2.
    const s = await supervisor.page();
    await signIn(s, server.url, 'supervisor');
    await syncNow(s);
    await go(s, 'My places');
    await s.getByRole('link', { name: 'Dashboard: figures, tables and trends' }).click();
    await s.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const fy = fiscalYearLabel();
    const rpa = s.getByTestId('table1').locator('tbody tr', { has: s.locator('th', { hasText: 'RPA' }) });
    await rpa.locator(`td[data-year="${fy}"]`).first().getByText('1', { exact: true }).waitFor({ timeout: 30000 });
    const neonatal = s.getByTestId('table2').locator('tbody tr', { has: s.locator('th', { hasText: 'Neonatal health' }) });
    assert.deepEqual(await neonatal.locator('td').allInnerTexts(), ['1', '2', '1 (50%)']);
    assert.deepEqual(unexpectedErrors(office, tablet, supervisor), []);
  } finally {
    await office.close();
    await tablet.close();
    await supervisor.close();
  }
});
