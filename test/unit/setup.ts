// Every unit test gets an in-memory IndexedDB (fake-indexeddb) for Dexie code.
import 'fake-indexeddb/auto';
