// Programme set-up: an admin loads the place hierarchy from the CSV template and from DHIS2
// organisation units. Each import is previewed first (adds, changes, rows to fix in words);
// a file with a bad row cannot be imported until it is fixed; importing the same file again
// changes nothing; DHIS2 sectors are left out and their facilities hang from the district; a
// place is renamed and another added by hand, through the same checks; a deactivated place
// stays in the tree and is offered for no new work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from '../lib/harness.mjs';
import { go, signIn, unexpectedErrors } from '../lib/flows.mjs';
import { seriousViolations } from '../lib/a11y.mjs';
import { checkLayout } from '../lib/layout.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const CSV = `code,name,level,parent_code,dhis2_id
rw-gisagara,Gisagara,district,rw-south,
gikonko-hc,Gikonko Health Centre,health_centre,rw-gisagara,
rango-hc,Rango Health Centre,health_centre,rw-huye,
ruhashya-hc,Ruhashya Health Centre,health_centre,rw-nowhere,
`;

const DHIS2 = JSON.stringify({ organisationUnits: [
  { id: 'Hjw70Lodtf2', code: 'rw', name: 'Rwanda', level: 1 },
  { id: 'SouthProv01', code: 'rw-south', name: 'Southern Province', level: 2, parent: { id: 'Hjw70Lodtf2' } },
  { id: 'GisagaraD01', code: 'rw-gisagara', name: 'Gisagara', level: 3, parent: { id: 'SouthProv01' } },
  { id: 'SaveSector1', name: 'Save', level: 4, parent: { id: 'GisagaraD01' } },
  { id: 'SaveCS00001', code: 'save-hc', name: 'CS Save', level: 5, parent: { id: 'SaveSector1' } },
] });

const file = (name, text) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(text) });

test('an admin previews, fixes and imports places from CSV and DHIS2; a re-import changes nothing', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.page();
    await signIn(page, server.url, 'admin');
    await go(page, 'Settings');
    await page.getByRole('link', { name: 'Places and their import (CSV, DHIS2)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Places' }).waitFor();
    const tree = page.getByTestId('place-tree');
    await tree.getByText('Rango Health Centre').waitFor();

    const panel = page.getByTestId('place-import');
    const preview = () => panel.getByRole('button', { name: 'Preview' }).click();
    const summary = panel.getByTestId('import-summary');
    const importButton = panel.getByRole('button', { name: 'Import', exact: true });

    // A bad row is named in words, and the file cannot be imported as it is.
    await panel.getByTestId('import-file').setInputFiles(file('places.csv', CSV));
    await preview();
    await summary.getByText('2 to add, 0 to change, 1 already here.').waitFor();
    await panel.getByTestId('import-errors')
      .getByText("Row 5 (Ruhashya Health Centre): unknown parent 'rw-nowhere'").waitFor();
    assert.equal(await importButton.count(), 0);
    assert.deepEqual(await seriousViolations(page), [], 'preview with errors');
    assert.deepEqual(await checkLayout(page, '/admin/places'), []);

    // Fixed, it imports; the new places are in the tree.
    const fixed = CSV.replace('rw-nowhere', 'rw-huye');
    await panel.getByTestId('import-file').setInputFiles(file('places.csv', fixed));
    await preview();
    await summary.getByText('3 to add, 0 to change, 1 already here.').waitFor();
    await panel.getByTestId('import-adds').getByText('Gikonko Health Centre').waitFor();
    await importButton.click();
    await panel.getByTestId('import-done').getByText('Imported: 3 added, 0 changed.').waitFor();
    await tree.getByText('Gikonko Health Centre').waitFor();
    await tree.getByText('Ruhashya Health Centre').waitFor();

    // The same file again: nothing to change.
    await panel.getByTestId('import-file').setInputFiles(file('places-again.csv', fixed));
    await preview();
    await panel.getByText('Nothing to change: every place in the file is already here.').waitFor();
    assert.equal(await importButton.count(), 0);

    // By hand: rename a place, add one, and a code in use is refused.
    await tree.getByRole('button', { name: 'Change Gikonko Health Centre' }).click();
    const form = page.getByTestId('place-form');
    await form.getByLabel('Name', { exact: true }).fill('Gikonko HC');
    await form.getByRole('button', { name: 'Save the place' }).click();
    await tree.getByText('Gikonko HC').waitFor();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Add a place' }).click();
    await form.getByLabel(/^Code/).fill('rango-hc');
    await form.getByLabel('Name', { exact: true }).fill('Kigembe Health Post');
    await form.getByLabel(/^Level/).selectOption('health_post');
    await form.getByLabel(/^Parent/).selectOption({ label: 'Gisagara' });
    await form.getByRole('button', { name: 'Save the place' }).click();
    await form.getByText("Code rango-hc is already Rango Health Centre's.").waitFor();
    await form.getByLabel(/^Code/).fill('kigembe-hp');
    await form.getByRole('button', { name: 'Save the place' }).click();
    await tree.getByText('Kigembe Health Post').waitFor();

    // Deactivated, a place stays in the tree, marked, and is offered for no new work.
    await tree.getByRole('button', { name: 'Deactivate Kigembe Health Post' }).click();
    await tree.locator('li', { hasText: 'Kigembe Health Post' }).getByText('inactive', { exact: true }).waitFor();
    await tree.getByRole('button', { name: 'Activate Kigembe Health Post' }).waitFor();

    // DHIS2: level 4 is the sector, left out; facilities are level 5. Places loaded from the
    // CSV get their DHIS2 ids (matched by code), the new health centre is added under its
    // district.
    await panel.getByRole('radio', { name: 'DHIS2 organisation units (JSON)' }).check();
    await panel.getByLabel('Facility level').fill('5');
    await panel.getByTestId('import-file').setInputFiles(file('orgunits.json', DHIS2));
    await preview();
    await summary.getByText('1 to add, 3 to change, 0 already here.').waitFor();
    await panel.getByText('Left out: 1 units at DHIS2 level 4.').waitFor();
    await panel.getByTestId('import-adds').getByText('CS Save').waitFor();
    await panel.getByTestId('import-changes').getByText(/Gisagara · district · rw-south · GisagaraD01/).waitFor();
    await importButton.click();
    await panel.getByTestId('import-done').getByText('Imported: 1 added, 3 changed.').waitFor();
    await tree.getByText('CS Save').waitFor();

    await panel.getByTestId('import-file').setInputFiles(file('orgunits-again.json', DHIS2));
    await preview();
    await summary.getByText('0 to add, 0 to change, 4 already here.').waitFor();
    await page.goto(`${server.url}/admin/users`);
    const picker = page.getByTestId('new-user');
    await picker.getByRole('checkbox', { name: 'Gikonko HC' }).waitFor();
    assert.equal(await picker.getByRole('checkbox', { name: 'Kigembe Health Post' }).count(), 0);
    assert.deepEqual(unexpectedErrors(browser), []);
  } finally {
    await browser.close();
  }
});
