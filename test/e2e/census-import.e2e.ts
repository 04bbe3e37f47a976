import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';
import { syntheticPumsCsv } from '../fixtures/synthetic-pums';

describe('census import in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('imports a PUMS person file in the worker, stores the model and shows its figures', async () => {
    const csv = await syntheticPumsCsv(1_000_000);
    await s.page.goto(`${s.baseURL}#/census`);
    // The default model's figures, computed in the compute worker.
    await s.page.getByRole('heading', { name: 'Model figures: Default: ACS 2024 1-year PUMS' }).waitFor();
    await s.page.getByText(/ACS 2024 1-year PUMS .* · 3,422,251 persons · [\d,]+ people/).waitFor();
    expect(await s.page.locator('table.marginal').count()).toBe(10);
    await s.page.getByTestId('census-files').setInputFiles({ name: 'psam_p99.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const done = s.page.getByTestId('census-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/Imported psam_p99\.csv: [\d,]+ persons/);
    await s.page.getByRole('heading', { name: /Model figures: psam_p99\.csv/ }).waitFor();
    await s.page.locator('table.marginal caption', { hasText: 'education' }).waitFor();
    const stored = await s.page.evaluate(async () => {
      const req = indexedDB.open('persona-lab');
      const db: IDBDatabase = await new Promise(
        (res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))),
      );
      return new Promise<number>((res) => {
        const c = db.transaction('censusModels').objectStore('censusModels').count();
        c.onsuccess = () => res(c.result);
      });
    });
    expect(stored).toBe(1);
  });

  it('refuses a malformed file naming file, line and column, and stores nothing more', async () => {
    const csv = (await syntheticPumsCsv(20_000)).split('\n');
    csv[5] = csv[5]!.replace(/^P,(\w+),/, 'P,$1,x,');
    await s.page.getByTestId('census-files').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.join('\n')) });
    const err = s.page.getByTestId('census-error');
    await err.waitFor({ timeout: 30_000 });
    expect(await err.textContent()).toMatch(/bad\.csv, line 6, column \d+: the row has 32 fields, the header 31/);
    expect(await s.page.locator('.models li').count()).toBe(1);
  });

  it('cancels an import in progress: nothing is stored, and the next import runs in a fresh worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'census-cancel-'));
    const file = join(dir, 'psam_p98.csv');
    writeFileSync(file, await syntheticPumsCsv(60_000_000, 'cancelled')); // over Playwright's 50 MB limit for buffers
    await s.page.getByTestId('census-files').setInputFiles(file);
    const panel = s.page.getByRole('region', { name: 'Import census data' });
    await panel.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 });
    await s.page.getByTestId('census-cancelled').waitFor();
    expect(await s.page.getByTestId('census-cancelled').textContent()).toBe('Import cancelled; nothing was stored.');
    expect(await s.page.locator('.models li').count()).toBe(1);

    const small = await syntheticPumsCsv(200_000, 'after-cancel');
    await s.page.getByTestId('census-files').setInputFiles({ name: 'psam_p97.csv', mimeType: 'text/csv', buffer: Buffer.from(small) });
    await s.page.getByTestId('census-done').waitFor({ timeout: 60_000 });
    expect(await s.page.locator('.models li').count()).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});
