/**
 * The app's pages. Each is loaded on first visit so the entry bundle stays small; a page is a
 * Svelte component with no props. Later capabilities add their pages here.
 */
import type { Component } from 'svelte';

/** Where a page sits in the workflow; the navigation bar groups pages by it, in this order. */
export type RouteGroup = 'home' | 'model' | 'personas' | 'pairs' | 'agreement' | 'evaluation';

/** The groups' names (for assistive technology and tooltips), distinct from every field's label. */
export const GROUP_LABELS: Record<RouteGroup, string> = {
  home: 'Home',
  model: 'Step 1: the model',
  personas: 'Step 2: personas',
  pairs: 'Step 3: preference pairs',
  agreement: 'Step 4: agreement and people',
  evaluation: 'Step 5: evaluation',
};

/** One page of the app. */
export interface Route {
  /** The hash path, such as "/chat". */
  readonly path: string;
  /** The label in the navigation bar. */
  readonly title: string;
  /** Its group in the navigation bar. */
  readonly group: RouteGroup;
  /** Loads the page component. */
  readonly load: () => Promise<{ default: Component }>;
}

/** Every page, in navigation order (the workflow's). The first is the home page. */
export const ROUTES: readonly Route[] = [
  { path: '/', title: 'Home', group: 'home', load: () => import('./pages/HomePage.svelte') },
  { path: '/models', title: 'Models', group: 'model', load: () => import('./pages/ModelsPage.svelte') },
  { path: '/chat', title: 'Chat', group: 'model', load: () => import('./pages/ChatPage.svelte') },
  { path: '/data', title: 'Data', group: 'model', load: () => import('./pages/DataPage.svelte') },
  { path: '/personas', title: 'Personas', group: 'personas', load: () => import('./pages/PersonasPage.svelte') },
  { path: '/census', title: 'Census', group: 'personas', load: () => import('./pages/CensusPage.svelte') },
  { path: '/prompts', title: 'Prompts', group: 'pairs', load: () => import('./pages/PromptsPage.svelte') },
  { path: '/runs', title: 'Runs', group: 'pairs', load: () => import('./pages/RunsPage.svelte') },
  { path: '/agreement', title: 'Agreement', group: 'agreement', load: () => import('./pages/AgreementPage.svelte') },
  { path: '/annotate', title: 'Annotate', group: 'agreement', load: () => import('./pages/AnnotatePage.svelte') },
  { path: '/classroom', title: 'Classroom', group: 'agreement', load: () => import('./pages/ClassroomPage.svelte') },
  { path: '/loo', title: 'Leave-one-out', group: 'agreement', load: () => import('./pages/LooPage.svelte') },
  { path: '/wiki', title: 'WikiPersonas', group: 'agreement', load: () => import('./pages/WikiPage.svelte') },
  { path: '/bench', title: 'Bench', group: 'evaluation', load: () => import('./pages/BenchPage.svelte') },
];

/** The routes grouped for the navigation bar, groups and pages in `ROUTES` order. */
export function routeGroups(routes: readonly Route[] = ROUTES): { group: RouteGroup; label: string; routes: Route[] }[] {
  const out: { group: RouteGroup; label: string; routes: Route[] }[] = [];
  for (const r of routes) {
    const last = out.at(-1);
    if (last?.group === r.group) last.routes.push(r);
    else out.push({ group: r.group, label: GROUP_LABELS[r.group], routes: [r] });
  }
  return out;
}
