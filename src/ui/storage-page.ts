/**
 * Where the app shows what is stored and lets the user delete it: the page a "storage is full"
 * message links to. The Models page's storage panel until the Data page (#/data) lands; then this
 * one line points there.
 */
export const STORAGE_PAGE = { href: '#/models', name: 'the Models page (storage and cached models)' } as const;
