/// <reference lib="webworker" />
// Compiled with tsconfig.worker.json: module workers see WorkerGlobalScope, never the DOM.
export {};
