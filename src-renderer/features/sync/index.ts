/**
 * The offline-first data layer (DESIGN §2): the local cache, the agent's commands, the sync
 * engine and the live queries the screens read. Other features import only from here.
 */
export type { LocalStore, StoreTx, StoreTable, TicketView, WorklogRow, OutboxEntry, Rejection, MetaValues, RecordRow, ArticleTombstone } from './store';
export { createMemoryStore } from './memory-store';
export { openDexieStore, databaseName, SCHEMA_VERSIONS, type DexieStoreOptions } from './dexie-store';
export { createCommands, type Commands, type CommandDeps, type MutationInput, type Queued, type Assignment, type Journal } from './commands';
export {
  createSyncEngine,
  backoffDelay,
  type SyncEngine,
  type EngineOptions,
  type RunOutcome,
  type WebSocketFactory,
  type WebSocketLike,
  type LocksLike,
  type ChannelLike,
  type EventSourceLike,
} from './engine';
export type { Actor } from './local';
export { replay, baseOf, localContext, type LocalDirectory, type Replayed } from './view';
export {
  listTickets,
  getTicketDetail,
  getDirectory,
  listConflicts,
  listRejections,
  listOutbox,
  listRecords,
  getArticle,
  countArticles,
  type TicketListItem,
  type TicketDetail,
  type Directory,
  type ConflictItem,
} from './reads';
export { useTickets, useTicket, useDirectory, useConflicts, useRejections, useSyncStatus, useRecords, useArticle, useArticleCount } from './queries';
export { getSyncStatus, getWorkstation } from './status-store';
export {
  startSync,
  stopSync,
  syncNow,
  createTicket,
  setFields,
  addNote,
  assign,
  changeStatus,
  escalate,
  resolveConflict,
  resubmitRejection,
  discardRejection,
  addRecord,
  type Workstation,
  type StartSyncOptions,
  type StopSyncOptions,
} from './workstation';
export { postJson, requestJson, apiUrl, type CallOutcome, type FetchLike } from './desk-api';
