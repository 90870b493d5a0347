/**
 * The IPC boundary on the main side. Registers a handler for exactly the
 * contract's request channels (the allow-list: the UI's `REQUEST_CHANNELS`
 * and the engine window's `ENGINE_WINDOW_CHANNELS`) and, for every call:
 * 1. refuses a channel outside the contract (VALIDATION_FAILED);
 * 2. refuses a sender that is not the top frame of a page on our origin (FORBIDDEN);
 * 3. refuses the UI's channels from the engine window and the engine window's
 *    channels from any other page (FORBIDDEN);
 * 4. validates the arguments with zod (VALIDATION_FAILED, with the issues);
 * 5. runs the handler and answers with its `Result`; a throw becomes INTERNAL.
 * Nothing is ever thrown back across IPC.
 */
import { z } from 'zod';
import { err, type Result } from '../src-shared/result';
import { mutationSchema } from '../src-shared/sync/mutations';
import {
  ENGINE_WINDOW_CHANNELS,
  REQUEST_CHANNELS,
  isEngineWindowChannel,
  isRequestChannel,
  type EngineWindowRequests,
  type HostRequests,
} from '../src-shared/host/contract';
import { hotkeyBindingsSchema } from './accelerator';
import { createLogger } from './log';
import { originOf } from './security';

const log = createLogger('ipc');

/** Every request main answers: the UI pages' and the engine window's. */
type MainRequests = HostRequests & EngineWindowRequests;
/** A request channel of either bridge. */
export type MainChannel = keyof MainRequests;
type Args<C extends MainChannel> = Parameters<MainRequests[C]>;
type Value<C extends MainChannel> = ReturnType<MainRequests[C]>;

/** The argument list each channel accepts; a `z.tuple` also refuses extra arguments. */
const argSchemas = {
  'app:info': z.tuple([]),
  'journal:append': z.tuple([mutationSchema]),
  'journal:read': z.tuple([]),
  'cache:signed-out': z.tuple([]),
  'deeplink:take': z.tuple([]),
  'engine:connect': z.tuple([]),
  'hotkeys:get': z.tuple([]),
  'hotkeys:set': z.tuple([hotkeyBindingsSchema]),
  'engine:ready': z.tuple([]),
} satisfies { [C in MainChannel]: z.ZodType<Args<C>> };

/** The page that made a request, for the handlers that answer per page (`engine:connect`). */
export type Caller = {
  /** Electron's `webContents.id` of the sender. */
  contentsId: number;
  url: string;
};

/**
 * The main-side implementation of every request channel: the contract's
 * (validated) arguments, then who asked.
 */
export type HostHandlers = {
  [C in MainChannel]: (...args: [...Args<C>, Caller]) => Promise<Result<Value<C>>>;
};

/**
 * Who sent an invoke: the frame's URL, whether it is a top-level frame and its
 * web contents' id; null if the frame is gone.
 */
export type InvokeSender = { url: string; isTopFrame: boolean; contentsId: number } | null;

/** Handles one invoke; exported for tests, wired to ipcMain by `registerIpc`. */
export type Dispatch = (channel: string, sender: InvokeSender, args: readonly unknown[]) => Promise<Result<unknown>>;

const run = async <C extends MainChannel>(
  handlers: HostHandlers,
  channel: C,
  args: readonly unknown[],
  caller: Caller,
): Promise<Result<unknown>> => {
  const parsed = argSchemas[channel].safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    log.warn('invalid payload', { channel, issues });
    return err('VALIDATION_FAILED', `invalid arguments for ${channel}`, issues);
  }
  // The schema for C yields Args<C> (checked by `satisfies` above); TS cannot correlate the indexed access.
  const handler = handlers[channel] as (...a: [...Args<C>, Caller]) => Promise<Result<Value<C>>>;
  return handler(...(parsed.data as Args<C>), caller);
};

/** Whether a web contents is the phone engine's hidden window (engine-window.ts knows). */
export type IsEngineContents = (contentsId: number) => boolean;

/** Builds the dispatcher that enforces the five rules above. */
export const createDispatcher =
  (appOrigin: string, handlers: HostHandlers, isEngine: IsEngineContents = () => false): Dispatch =>
  async (channel, sender, args) => {
    const forUi = isRequestChannel(channel);
    if (!forUi && !isEngineWindowChannel(channel)) {
      log.warn('unknown channel', { channel });
      return err('VALIDATION_FAILED', `unknown channel: ${String(channel)}`);
    }
    if (!sender || !sender.isTopFrame || originOf(sender.url) !== appOrigin) {
      log.warn('sender refused', { channel, url: sender?.url });
      return err('FORBIDDEN', `${channel} is only for the app's own page`);
    }
    if (forUi === isEngine(sender.contentsId)) {
      log.warn('sender refused', { channel, url: sender.url, engine: !forUi });
      return err('FORBIDDEN', forUi ? `${channel} is not for the engine window` : `${channel} is only for the engine window`);
    }
    try {
      return await run(handlers, channel, args, { contentsId: sender.contentsId, url: sender.url });
    } catch (error) {
      log.error('handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
      return err('INTERNAL', error instanceof Error ? error.message : 'the handler failed');
    }
  };

/** The frame an invoke came from, as Electron's `IpcMainInvokeEvent.senderFrame` offers it. */
export type SenderFrameLike = { url: string; parent: unknown } | null;

/** What an invoke event tells about its sender, as Electron's `IpcMainInvokeEvent` offers it. */
export type InvokeEventLike = { senderFrame: SenderFrameLike; sender: { id: number } };

/** The part of `ipcMain` used here; Electron's `ipcMain` fits it as is. */
export type IpcMainPort = {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
};

const senderOf = (event: InvokeEventLike): InvokeSender => {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isTopFrame: frame.parent === null, contentsId: event.sender.id } : null;
  } catch {
    // A frame that navigated away or was destroyed mid-call.
    return null;
  }
};

/** Registers exactly the contract's channels (both bridges'); returns the channels registered. */
export const registerIpc = (ipcMain: IpcMainPort, dispatch: Dispatch): readonly MainChannel[] => {
  const channels: readonly MainChannel[] = [...REQUEST_CHANNELS, ...ENGINE_WINDOW_CHANNELS];
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args) => dispatch(channel, senderOf(event), args));
  }
  return channels;
};
