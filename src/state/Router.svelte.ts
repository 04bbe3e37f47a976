/** The current page, from `location.hash` ("#/chat" → "/chat"). */
export class Router {
  #path = $state(Router.#read());
  /** The current path, such as "/chat". */
  get path() {
    return this.#path;
  }

  constructor() {
    window.addEventListener('hashchange', () => (this.#path = Router.#read()));
  }

  /** Goes to a path such as "/chat". */
  go(path: string): void {
    window.location.hash = `#${path}`;
  }

  static #read(): string {
    const raw = window.location.hash.replace(/^#/, '');
    const path = raw.split('?')[0] ?? '';
    return path.startsWith('/') ? path : '/';
  }
}
