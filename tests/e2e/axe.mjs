// axe-core (npm) run in the page, for the accessibility checks of every suite.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's findings on the page as it is now: serious and critical ones, and heading-order. */
export async function findings(page) {
  // Evaluated through the DevTools protocol, so the page's CSP still holds for the app.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact) || v.id === 'heading-order')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.any.map((a) => a.message).join('; ')}`).join(' | ')}`);
  });
}
