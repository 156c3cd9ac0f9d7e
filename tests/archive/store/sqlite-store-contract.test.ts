import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import { archiveStoreContract } from './archive-store-contract.ts';

const sqlite = (options: { searchIndex?: boolean } = {}) => async () => {
  const store = new SqliteArchiveStore({ path: ':memory:', ...options });
  return { store, cleanup: () => store.close() };
};

archiveStoreContract('SQLite (in memory)', sqlite());

archiveStoreContract('SQLite (in memory, SQL search)', sqlite({ searchIndex: false }));
