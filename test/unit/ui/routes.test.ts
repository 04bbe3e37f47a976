import { describe, expect, it } from 'vitest';
import { GROUP_LABELS, ROUTES, routeGroups } from '../../../src/ui/routes';

describe('routes', () => {
  it('groups the pages by workflow step, in navigation order, each group once', () => {
    const groups = routeGroups();
    expect(groups.map((g) => g.group)).toEqual(['home', 'model', 'personas', 'pairs', 'agreement', 'evaluation']);
    expect(groups.flatMap((g) => g.routes)).toEqual(ROUTES);
    expect(new Set(groups.map((g) => g.group)).size).toBe(groups.length);
    for (const g of groups) expect(g.label).toBe(GROUP_LABELS[g.group]);
    expect(ROUTES[0]!.path).toBe('/');
  });
});
