// The app's translation files, read by the specs that drive the app in another language: a
// spec writes the English it means and `translator(lang)` finds the same string's text in
// `lang`, so a flow reads the same in every language and a missing translation fails loudly.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const I18N = join(ROOT, 'app/i18n');
const CATALOGUE = join(ROOT, 'shared/catalogue');

function jsonFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Every UI string of `lang` as `file/Set/Key` → text (a counted phrase gives `…/one`, `…/other`). */
function uiStrings(lang) {
  const dir = join(I18N, lang);
  const strings = new Map();
  for (const path of jsonFiles(dir)) {
    const file = relative(dir, path).replace(/\.json$/, '');
    for (const [set, keys] of Object.entries(JSON.parse(readFileSync(path, 'utf8')))) {
      for (const [key, text] of Object.entries(keys)) {
        if (typeof text === 'string') strings.set(`${file}/${set}/${key}`, text);
        else for (const [form, t] of Object.entries(text)) strings.set(`${file}/${set}/${key}/${form}`, t);
      }
    }
  }
  return strings;
}

/** Every catalogue text (`{en, fr, rw?}`) of the built-in catalogue files. */
export function catalogueTexts() {
  const texts = [];
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (typeof value.en === 'string' && typeof value.fr === 'string') texts.push(value);
      else Object.values(value).forEach(walk);
    }
  };
  for (const path of jsonFiles(CATALOGUE)) walk(JSON.parse(readFileSync(path, 'utf8')));
  return texts;
}

/** A catalogue text as the app shows it in `lang` (Kinyarwanda falls back to English). */
export const catalogueText = (text, lang) => (lang === 'rw' ? text.rw || text.en : text[lang]);

/**
 * `T(english)` → the UI string with that English text, in `lang`. When several keys share the
 * English text but not the translation, `T(english, 'pages/mentee/keys')` names the file (or
 * `file/Set`) to choose from; an unknown or ambiguous string throws, naming the candidates.
 */
export function translator(lang) {
  const en = uiStrings('en');
  const target = lang === 'en' ? en : uiStrings(lang);
  return (english, where = '') => {
    const ids = [...en].filter(([id, text]) => text === english && id.startsWith(where)).map(([id]) => id);
    const texts = [...new Set(ids.map((id) => target.get(id)))];
    if (ids.length === 0) throw new Error(`no UI string "${english}"${where ? ` in ${where}` : ''}`);
    if (texts.length !== 1 || texts[0] === undefined) {
      throw new Error(`"${english}" is ${ids.join(', ')} in ${lang}: ${JSON.stringify(texts)}; name the file`);
    }
    return texts[0];
  };
}

/**
 * The English texts that must not appear on a screen shown in `lang`: every UI and catalogue
 * string whose text in `lang` differs from its English (so "Mentora" or "District", the same
 * in both, are allowed). Short strings (under 4 letters) are left out: they also occur as data.
 */
export function englishOnly(lang) {
  const en = uiStrings('en');
  const target = uiStrings(lang);
  const leaks = new Set();
  for (const [id, text] of en) if (target.get(id) !== text) leaks.add(text);
  for (const text of catalogueTexts()) if (catalogueText(text, lang) !== text.en) leaks.add(text.en);
  // Whatever a language says itself is not a leak, even when it matches another key's English.
  for (const text of target.values()) leaks.delete(text);
  return new Set([...leaks].map((t) => t.trim()).filter((t) => t.replace(/[^A-Za-z]/g, '').length >= 4 && !t.includes('{')));
}

/**
 * The English strings showing on `page`: each text node and each label-like attribute
 * (aria-label, placeholder, title, alt, button value) is compared whole against `leaks`.
 */
export async function englishOnPage(page, leaks) {
  const shown = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('script, style, template, [hidden]')) continue;
      const text = node.textContent.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt], input[type=submit], input[type=button]')) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt', 'value']) {
        const value = el.getAttribute(attr);
        if (value && (attr !== 'value' || el.type === 'submit' || el.type === 'button')) out.push(value.trim());
      }
    }
    return out;
  });
  return [...new Set(shown.filter((text) => leaks.has(text)))];
}
