import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { optionFromPersona, type PersonaOption } from '../../../../src/core/chat/persona-option';
import { PERSONA_KEYS, type Persona } from '../../../../src/core/personas/schema';
import PersonaPicker from '../../../../src/ui/chat/PersonaPicker.svelte';
import { render } from '../../mount';

const personas: Persona[] = Array.from(
  { length: 10_000 },
  (_, i) => ({ ...Object.fromEntries(PERSONA_KEYS.map((k) => [k, null])), id: `p${i}`, split: 'train', age: 20 + (i % 60) }) as Persona,
);
const all = personas.map((_, i) => i);
const ids = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-option-id]')].map((b) => b.dataset.optionId);

/** The picker on the list "set", with the persona at `chosen` (if any) selected; picks are recorded. */
function mountPicker(chosen?: number) {
  const picks: number[] = [];
  let selected = $state<PersonaOption | undefined>(chosen === undefined ? undefined : optionFromPersona(personas[chosen]!, 'Set', 'set'));
  const { target } = render(PersonaPicker, {
    lists: [{ id: 'set', label: 'Set', count: personas.length }],
    listId: 'set',
    freeTextId: 'free',
    loading: false,
    personas,
    shown: all,
    query: '',
    get selected() {
      return selected;
    },
    freeText: '',
    onList: () => {},
    onQuery: () => {},
    onPick: (i: number) => {
      picks.push(i);
      selected = optionFromPersona(personas[i]!, 'Set', 'set');
    },
    onFreeText: () => {},
  });
  return { target, picks };
}

describe('PersonaPicker', () => {
  it('shows a window of the 10,000 personas, starting at the top', async () => {
    const { target } = mountPicker();
    expect(target.querySelector('[data-testid="picker-count"]')?.textContent).toBe('10,000 of 10,000');
    expect(ids(target)[0]).toBe('set:p0');
    expect(ids(target).length).toBeGreaterThan(5);
    expect(ids(target).length).toBeLessThan(30);
  });

  it('scrolls the chosen persona into view, and a click picks another', async () => {
    const { target, picks } = mountPicker(8_000);
    await expect.poll(() => ids(target)).toContain('set:p8000');
    const row = target.querySelector<HTMLElement>('[data-option-id="set:p8000"]')!;
    const list = target.querySelector<HTMLElement>('[data-testid="picker-list"]')!.getBoundingClientRect();
    expect(row.getBoundingClientRect().top).toBeGreaterThanOrEqual(list.top - 1);
    expect(row.getBoundingClientRect().bottom).toBeLessThanOrEqual(list.bottom + 1);
    expect(row.getAttribute('aria-pressed')).toBe('true');

    const next = target.querySelector<HTMLElement>('[data-option-id="set:p8001"]')!;
    await userEvent.click(next);
    expect(picks).toEqual([8_001]);
    await expect.poll(() => next.getAttribute('aria-pressed')).toBe('true');
    expect(row.getAttribute('aria-pressed')).toBe('false');
  });
});
