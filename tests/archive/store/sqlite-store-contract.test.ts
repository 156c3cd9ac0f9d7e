import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/records.ts';
import { archiveStoreContract } from './archive-store-contract.ts';

archiveStoreContract('SQLite (in memory)', async () => {
  const store = new SqliteArchiveStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});

archiveStoreContract('SQLite (in memory, SQL search)', async () => {
  const store = new SqliteArchiveStore({ path: ':memory:', searchIndex: false });
  return { store, cleanup: () => store.close() };
});
