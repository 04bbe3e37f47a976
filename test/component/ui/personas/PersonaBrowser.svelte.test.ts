import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { PERSONA_KEYS, type Persona } from '../../../../src/core/personas/schema';
import PersonaBrowser from '../../../../src/ui/personas/PersonaBrowser.svelte';
import { render } from '../../mount';

/** n personas, every attribute empty but age, sex and the split. */
function personas(n: number): Persona[] {
  const empty = Object.fromEntries(PERSONA_KEYS.map((k) => [k, null]));
  return Array.from({ length: n }, (_, i) => ({
    ...empty,
    id: `p${i}`,
    split: i % 5 === 0 ? 'test' : 'train',
    age: 18 + (i % 70),
    sex: i % 2 ? 'Female' : 'Male',
  })) as Persona[];
}

const ids = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-persona-id]')].map((b) => b.dataset.personaId);

describe('PersonaBrowser', () => {
  it('lists 10,000 personas through a window of rows; scrolling shows later ones', async () => {
    const { target } = render(PersonaBrowser, { personas: personas(10_000) });
    expect(target.querySelector('[data-testid="shown-count"]')?.textContent).toBe('10,000 of 10,000');
    const shown = ids(target);
    expect(shown[0]).toBe('p0');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    const list = target.querySelector<HTMLElement>('[data-testid="persona-list"]')!;
    list.scrollTop = 44 * 9_000;
    await expect.poll(() => ids(target)).toContain('p9000');
    expect(ids(target)).not.toContain('p0');
  });

  it('filters the list, and a row chosen by click or keyboard opens its card', async () => {
    const { target } = render(PersonaBrowser, { personas: personas(10_000) });
    await userEvent.selectOptions(target.querySelector<HTMLSelectElement>('select[aria-label="Split"]')!, 'test');
    await expect.poll(() => target.querySelector('[data-testid="shown-count"]')?.textContent).toBe('2,000 of 10,000');
    expect(ids(target).slice(0, 3)).toEqual(['p0', 'p5', 'p10']);
    expect(target.querySelector('[data-testid="persona-card"]')).toBeNull();

    await userEvent.click(target.querySelector<HTMLElement>('[data-persona-id="p5"]')!);
    await expect.poll(() => target.querySelector('[data-testid="persona-card"] h3')?.textContent).toMatch(/^Woman, 23/);
    expect(target.querySelector('[data-persona-id="p5"]')?.classList.contains('active')).toBe(true);

    // Tab moves to the next row (p10); Enter chooses it.
    await userEvent.keyboard('{Tab}');
    expect((document.activeElement as HTMLElement).dataset.personaId).toBe('p10');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => target.querySelector('[data-testid="persona-card"] h3')?.textContent).toMatch(/^Man, 28/);
  });
});
