// The Content-Security-Policy (#9): the production build carries it as a meta tag, every page renders
// under it without a single violation, and it does block what it is there to block (an injected inline
// script, a connection to a plain-http host that is not local).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/ui/routes';
import { launch, type Session } from './harness';

/** Records every CSP violation the page reports, from the first script on (before the app's own). */
const RECORD_VIOLATIONS = `(() => {
  const seen = (globalThis.__cspViolations = []);
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
  );
})()`;

interface Violation {
  readonly directive: string;
  readonly blocked: string;
}

describe('Content-Security-Policy', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ serviceWorkers: 'allow' }); // the service worker's registration is under the policy too
    await s.page.addInitScript(RECORD_VIOLATIONS);
  });
  afterAll(async () => {
    await s?.close();
  });
  const violations = () => s.page.evaluate(() => (globalThis as { __cspViolations?: Violation[] }).__cspViolations ?? []);

  it('is a meta tag in the built index.html, with scripts and workers from self only and no inline script', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const policy = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).toContain("worker-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(/<script(?![^>]*\bsrc=)[^>]*>/.exec(html)).toBeNull();
  });

  it('lets every page render without a violation', async () => {
    const { page } = s;
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    for (const r of ROUTES) {
      await page.goto(`${s.baseURL}#${r.path}`);
      await page.locator('main[data-ready="true"] h1').waitFor();
      expect(await violations(), r.path).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('blocks an injected inline script and a plain-http connection to a host that is not local', async () => {
    const { page } = s;
    await page.goto(s.baseURL);
    await page.locator('main[data-ready="true"] h1').waitFor();
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.__injected = true;';
      document.body.append(script);
      return (globalThis as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    const fetched = await page.evaluate(() =>
      fetch('http://persona-lab.invalid/v1/models').then(
        () => 'fetched',
        (e: unknown) => String(e),
      ),
    );
    expect(fetched).toMatch(/Failed to fetch/);
    await expect
      .poll(async () => (await violations()).map((v) => v.directive).sort(), { timeout: 5000 })
      .toEqual(['connect-src', 'script-src-elem']);
  });
});
