/** What every handler gets: the open storage (swapped when a backup is restored) and facts about the app. */
import type { z } from 'zod';
import type { Api, MethodName, Output } from '../../shared/api';
import type { Store } from '../storage/index';

export interface ServiceContext {
  /** The store of the currently open database. Read it on every use: restoring a backup replaces it. */
  readonly store: Store;
  readonly dbPath: string;
  readonly backupDir: string;
  readonly mode: 'electron' | 'browser' | 'cli';
  readonly version: string;
  /** Close the database, run `fn` on the closed file, open it again (restore from a backup). */
  reopenAround<T>(fn: () => Promise<T>): Promise<T>;
}

/** A handler receives the input already parsed by the method's zod schema. */
export type Handler<M extends MethodName> = (input: z.output<Api[M]['input']>, ctx: ServiceContext) => Output<M> | Promise<Output<M>>;

export type Handlers<M extends MethodName> = { [K in M]: Handler<K> };
