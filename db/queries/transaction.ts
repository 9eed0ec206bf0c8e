import { db, type Transaction } from "@/db/client";

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws (the
 * error is rethrown). Lets lib/ group several db/queries calls atomically without importing `db`; each
 * query function takes the transaction as its executor.
 */
export function runInTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
