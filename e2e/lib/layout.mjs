// Layout at a phone's and a tablet's size: nothing wider than the viewport, no control running
// past a box that holds it, touch targets of at least 48 px. Each check also saves a screenshot
// under e2e/test-results/layout/ for a person to review.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PHONE = { width: 360, height: 640 };
export const TABLET = { width: 800, height: 1280 };

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'layout');

/** What is wrong with the layout of the page as it is now, in words (empty when nothing is). */
export function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
    const name = (el) => {
      const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ');
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${text.slice(0, 40)}"`;
    };
    const shown = (el) => {
      if (el.closest('.visually-hidden, [hidden]')) return false;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && r.right > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const controls = [...document.querySelectorAll('button, a[href], input, select, textarea, summary, [role="button"]')]
      .filter(shown);
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      // Inside a box: every block ancestor up to the first one that scrolls must hold it.
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.display === 'inline' || style.display === 'contents') continue;
        const b = box.getBoundingClientRect();
        if (r.right > b.right + 1 || r.left < b.left - 1) {
          problems.push(`${name(el)} runs past ${name(box).split(' ')[0]} (${Math.round(r.left)}–${Math.round(r.right)} vs ${Math.round(b.left)}–${Math.round(b.right)})`);
          break;
        }
        if (['auto', 'scroll'].includes(style.overflowX)) break;
      }
      // Big enough for a finger: text links inside a sentence are exempt, as are boxes a label
      // of at least 48 px carries (checkboxes and radios).
      const inline = el.tagName === 'A' && getComputedStyle(el).display === 'inline';
      if (inline) continue;
      const target = ['checkbox', 'radio'].includes(el.type) && el.closest('label') ? el.closest('label') : el;
      const t = target.getBoundingClientRect();
      if (t.height < 47.5 || t.width < 47.5) {
        problems.push(`${name(el)} is ${Math.round(t.width)}×${Math.round(t.height)} px, under 48`);
      }
    }
    return problems;
  });
}

/**
 * Checks the page at both sizes (the route label names the screenshots and the failures), then
 * puts the viewport back as it was.
 */
export async function checkLayout(page, label) {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  const found = [];
  try {
    for (const size of [PHONE, TABLET]) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const file = `${label.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '_') || 'home'}-${size.width}x${size.height}.png`;
      await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
      for (const problem of await layoutProblems(page)) found.push(`${label} at ${size.width}×${size.height}: ${problem}`);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return found;
}
