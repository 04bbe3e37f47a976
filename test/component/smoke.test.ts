import { expect, it } from 'vitest';
import { flushSync } from 'svelte';
it('runs in a browser', () => {
  flushSync();
  expect(typeof document.createElement).toBe('function');
  expect(navigator.userAgent).toMatch(/Chrome/);
});
