import { describe, expect, it } from 'vitest';
import {
  CLASSROOM_INSTRUCTIONS,
  instructionsText,
  INSTRUCTION_ITEMS,
  isPaperInstructions,
} from '../../../../src/core/annotation/instructions';
import { kitSchema, makeKit, presentation } from '../../../../src/core/annotation/kit';
import { kit } from './fixtures';

describe('annotation kits', () => {
  it('carry the plain classroom wording by default: no pay, no bonus, no disqualification', () => {
    expect(kit.instructions).toBe(CLASSROOM_INSTRUCTIONS);
    expect(kit.instructions).not.toMatch(/bonus|disqualif|pay|Prolific/i);
    expect(isPaperInstructions(kit.instructions)).toBe(false);
  });
  it("keep PERSONA Appendix D's paid-study wording for a teacher who picks it", () => {
    const paper = makeKit({ title: kit.title, createdAt: 'x', personas: kit.personas, items: kit.items, instructions: instructionsText() });
    expect(paper.id).toBe(kit.id);
    expect(isPaperInstructions(paper.instructions)).toBe(true);
    expect(paper.instructions).toMatch(/^Welcome to the Persona Annotation Task!/);
    expect(paper.instructions).toMatch(/bonus/);
    expect(paper.instructions).toMatch(/disqualification/);
    expect(INSTRUCTION_ITEMS.map((i) => i.heading)).toEqual([
      'Task Explanation',
      'Instruction following',
      'Explain your reasoning',
      'Provide good reasoning',
      'ChatGPT (or other chatbots) are NOT allowed',
    ]);
  });
  it('have a content id: same draft, same id', () => {
    const again = makeKit({ title: kit.title, createdAt: 'later', personas: kit.personas, items: kit.items });
    expect(again.id).toBe(kit.id);
  });
  it('refuse repeated pairs and unknown personas', () => {
    const bad = { ...kit, items: [...kit.items, { ...kit.items[0]!, personaId: 'P9' }] };
    const r = kitSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(['pair "q1" is listed twice', 'persona "P9" is not in the kit']);
  });
  it("fix each annotator's order and first response by seed, persona and name", () => {
    const one = presentation(kit, 'P1', 'Ada');
    expect(presentation(kit, 'P1', ' ada ')).toEqual(one);
    expect(one.map((p) => p.item.pairId).sort()).toEqual(['q1', 'q2', 'q3']);
    const many = Array.from({ length: 40 }, (_, i) => presentation(kit, 'P1', `student ${i}`));
    const firsts = many.flat().filter((p) => p.shownFirst === 'a').length;
    expect(firsts).toBeGreaterThan(30);
    expect(firsts).toBeLessThan(90);
    expect(new Set(many.map((s) => s.map((p) => p.item.pairId).join()))).not.toHaveProperty('size', 1);
  });
});
