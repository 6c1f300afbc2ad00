// Accessibility check with axe-core: serious and critical violations fail the spec.
import { AxeBuilder } from '@axe-core/playwright';

/** Runs axe on the page as it is now and returns the serious/critical violations, readable. */
export async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
