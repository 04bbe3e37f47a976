import { mount } from 'svelte';
import App from './App.svelte';
import { zodWithoutEval } from './core/records/no-eval';
import ErrorReportList from './ui/ErrorReportList.svelte';
import { errorReports, showError } from './ui/ErrorReports.svelte';
import { AppUpdate } from './state/AppUpdate.svelte';
import UpdateNotice from './ui/UpdateNotice.svelte';
import './ui/app.css';

// The Content-Security-Policy allows no eval: Zod is told not to probe for it (a caught probe is still a violation).
zodWithoutEval();

// A failure nobody caught is shown, never lost: rejected promises nobody awaited and uncaught exceptions.
window.addEventListener('unhandledrejection', (e) => showError(e.reason));
window.addEventListener('error', (e) => {
  // Chromium reports a ResizeObserver that skipped a frame as an error; nothing went wrong.
  if (/ResizeObserver loop/.test(e.message)) return;
  showError(e.error ?? e.message);
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(ErrorReportList, { target: document.body.appendChild(document.createElement('div')), props: { reports: errorReports } });
// Offline (#9): the service worker precaches the build; a new version is announced and used from the next load.
const update = new AppUpdate();
if (import.meta.env.PROD) update.start();
mount(UpdateNotice, { target: document.body.appendChild(document.createElement('div')), props: { notice: update } });
export default mount(App, { target });
