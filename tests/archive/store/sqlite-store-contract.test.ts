import { importLifelines } from '../../../src/archive/lifelines/lifeline-importer.ts';
import { SqliteArchiveStore } from '../../../src/archive/store/sqlite/sqlite-archive-store.ts';
import type { RawFeature } from '../../../src/sources/raw-feature.ts';
import { archiveStoreContract } from './archive-store-contract.ts';

const sqlite = (options: { searchIndex?: boolean } = {}) => async () => {
  const store = new SqliteArchiveStore({ path: ':memory:', ...options });
  const importPipes = async (features: RawFeature[]) => {
    const result = await importLifelines(store.db, features);
    if (!result.ok) throw new Error(result.error);
  };
  return { store, cleanup: () => store.close(), importPipes };
};

archiveStoreContract('SQLite (in memory)', sqlite());

archiveStoreContract('SQLite (in memory, SQL search)', sqlite({ searchIndex: false }));
