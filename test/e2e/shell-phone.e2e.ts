// The app on a phone (390 px): every page fits the screen and has its title, the navigation is a menu
// a keyboard and a screen reader can use, a skip link leads past the header, and each navigation puts
// the focus on the new page's heading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/ui/routes';
import { launch, type Session } from './harness';

describe('the shell at 390 px', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
    await s.page.setViewportSize({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await s?.close();
  });

  const focusedHeading = () =>
    s.page.evaluate(() => (document.activeElement?.matches('main h1') ? document.activeElement.textContent : null));

  it('walks every page through the menu: title, no sideways overflow, menu opened and closed, focus on the heading', async () => {
    const { page } = s;
    await page.goto(s.baseURL);
    await page.locator('main[data-ready="true"] h1').waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.title()).toBe('Home · Persona Lab');
    // Every page through the menu, then back home through the brand link.
    for (const route of [...ROUTES.slice(1), ROUTES[0]!]) {
      if (route.path === '/') {
        await page.getByRole('link', { name: 'Persona Lab', exact: true }).click();
      } else {
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await nav.waitFor();
        expect(await nav.getByRole('list').count()).toBeGreaterThanOrEqual(4);
        await nav.getByRole('link', { name: route.title, exact: true }).click();
      }
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(() => page.title()).toBe(`${route.title} · Persona Lab`);
      expect(await menu.getAttribute('aria-expanded'), `the menu closes on going to ${route.path}`).toBe('false');
      expect(await nav.isVisible()).toBe(false);
      await expect.poll(focusedHeading, { message: `focus on the heading of ${route.path}` }).not.toBeNull();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
          message: `${route.path} is wider than the screen`,
        })
        .toBeLessThanOrEqual(0);
    }
  });

  it('closes the menu with Escape, giving the focus back to its button, and with a click elsewhere', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/agreement`);
    await page.locator('main[data-ready="true"] h1').waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await nav.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Models');
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('main-nav');
    await menu.click();
    await nav.waitFor();
    const box = (await nav.boundingBox())!;
    await page.mouse.click(10, box.y + box.height + 20);
    await nav.waitFor({ state: 'hidden' });
  });

  it('offers a skip link first, which moves the focus to the main content without changing the page', async () => {
    const { page } = s;
    await page.goto('about:blank');
    await page.goto(`${s.baseURL}#/runs`);
    await page.locator('main[data-ready="true"] h1').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.evaluate(() => location.hash)).toBe('#/runs');
    expect(await page.title()).toBe('Runs · Persona Lab');
  });
});
