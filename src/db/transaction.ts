/**
 * A read-write transaction over named tables. Calls Dexie's `transaction` through a plain function
 * type: for a subclass that declares no table properties, Dexie's `TXWithTables<this>` check
 * (`Dexie extends DX`) makes TypeScript recurse without end (TS2589).
 */
import type { PersonaLabDb } from './database';

type Run = (mode: 'rw', tables: readonly string[], scope: () => Promise<void>) => Promise<void>;

/** Runs `scope` in one read-write transaction over `tables`. */
export function readWrite(db: PersonaLabDb, tables: readonly string[], scope: () => Promise<void>): Promise<void> {
  const run = (db as unknown as { transaction: Run }).transaction.bind(db);
  return run('rw', tables, scope);
}
