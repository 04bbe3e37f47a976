import { mount } from 'svelte';
import App from './App.svelte';
import ErrorReportList from './ui/ErrorReportList.svelte';
import { errorReports, showError } from './ui/ErrorReports.svelte';
import './ui/app.css';

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
export default mount(App, { target });
