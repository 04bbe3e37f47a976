/** Mounting components in the page for the component tests, and taking them down after each test. */
import { flushSync, mount, unmount, type Component, type ComponentProps } from 'svelte';
import { afterEach } from 'vitest';

const mounted = new Set<() => Promise<void>>();

/**
 * Mounts `component` with `props` into a fresh element of the page (1280 × 800); its effects have run
 * when it returns. `destroy()` unmounts it (every component still mounted is unmounted after each test).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Svelte's own bound for a component's props
export function render<C extends Component<any>>(component: C, props: ComponentProps<C>) {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props }) as Record<string, unknown>;
  flushSync();
  const destroy = async () => {
    mounted.delete(destroy);
    await unmount(instance);
    target.remove();
  };
  mounted.add(destroy);
  return { target, instance, destroy };
}

afterEach(async () => {
  for (const destroy of [...mounted]) await destroy();
});
