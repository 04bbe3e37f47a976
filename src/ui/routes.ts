/**
 * The app's pages. Each is loaded on first visit so the entry bundle stays small; a page is a
 * Svelte component with no props. Later capabilities add their pages here.
 */
import type { Component } from 'svelte';

/** One page of the app. */
export interface Route {
  /** The hash path, such as "/chat". */
  readonly path: string;
  /** The label in the navigation bar. */
  readonly title: string;
  /** Loads the page component. */
  readonly load: () => Promise<{ default: Component }>;
}

/** Every page, in navigation order. The first is the home page. */
export const ROUTES: readonly Route[] = [
  { path: '/', title: 'Home', load: () => import('./pages/HomePage.svelte') },
  { path: '/models', title: 'Models', load: () => import('./pages/ModelsPage.svelte') },
  { path: '/chat', title: 'Chat', load: () => import('./pages/ChatPage.svelte') },
  { path: '/personas', title: 'Personas', load: () => import('./pages/PersonasPage.svelte') },
  { path: '/census', title: 'Census', load: () => import('./pages/CensusPage.svelte') },
  { path: '/prompts', title: 'Prompts', load: () => import('./pages/PromptsPage.svelte') },
  { path: '/runs', title: 'Runs', load: () => import('./pages/RunsPage.svelte') },
  { path: '/agreement', title: 'Agreement', load: () => import('./pages/AgreementPage.svelte') },
  { path: '/annotate', title: 'Annotate', load: () => import('./pages/AnnotatePage.svelte') },
  { path: '/classroom', title: 'Classroom', load: () => import('./pages/ClassroomPage.svelte') },
  { path: '/loo', title: 'Leave-one-out', load: () => import('./pages/LooPage.svelte') },
];
