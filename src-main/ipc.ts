/**
 * The IPC boundary on the main side. Registers a handler for exactly the
 * contract's request channels (the allow-list) and, for every call:
 * 1. refuses a channel outside the contract (VALIDATION_FAILED);
 * 2. refuses a sender that is not the top frame of a page on our origin (FORBIDDEN);
 * 3. validates the arguments with zod (VALIDATION_FAILED, with the issues);
 * 4. runs the handler and answers with its `Result`; a throw becomes INTERNAL.
 * Nothing is ever thrown back across IPC.
 */
import { z } from 'zod';
import { err, type Result } from '../src-shared/result';
import { mutationSchema } from '../src-shared/sync/mutations';
import {
  REQUEST_CHANNELS,
  isRequestChannel,
  type RequestArgs,
  type RequestChannel,
  type RequestValue,
} from '../src-shared/host/contract';
import { createLogger } from './log';
import { originOf } from './security';

const log = createLogger('ipc');

/** The argument list each channel accepts; a `z.tuple` also refuses extra arguments. */
const argSchemas = {
  'app:info': z.tuple([]),
  'journal:append': z.tuple([mutationSchema]),
  'journal:read': z.tuple([]),
  'cache:signed-out': z.tuple([]),
  'deeplink:take': z.tuple([]),
} satisfies { [C in RequestChannel]: z.ZodType<RequestArgs<C>> };

/** The main-side implementation of every request channel. */
export type HostHandlers = {
  [C in RequestChannel]: (...args: RequestArgs<C>) => Promise<Result<RequestValue<C>>>;
};

/** Who sent an invoke: the frame's URL and whether it is a top-level frame; null if the frame is gone. */
export type InvokeSender = { url: string; isTopFrame: boolean } | null;

/** Handles one invoke; exported for tests, wired to ipcMain by `registerIpc`. */
export type Dispatch = (channel: string, sender: InvokeSender, args: readonly unknown[]) => Promise<Result<unknown>>;

const run = async <C extends RequestChannel>(
  handlers: HostHandlers,
  channel: C,
  args: readonly unknown[],
): Promise<Result<unknown>> => {
  const parsed = argSchemas[channel].safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    log.warn('invalid payload', { channel, issues });
    return err('VALIDATION_FAILED', `invalid arguments for ${channel}`, issues);
  }
  // The schema for C yields RequestArgs<C> (checked by `satisfies` above); TS cannot correlate the indexed access.
  const handler = handlers[channel] as (...a: RequestArgs<C>) => Promise<Result<RequestValue<C>>>;
  return handler(...(parsed.data as RequestArgs<C>));
};

/** Builds the dispatcher that enforces the four rules above. */
export const createDispatcher =
  (appOrigin: string, handlers: HostHandlers): Dispatch =>
  async (channel, sender, args) => {
    if (!isRequestChannel(channel)) {
      log.warn('unknown channel', { channel });
      return err('VALIDATION_FAILED', `unknown channel: ${String(channel)}`);
    }
    if (!sender || !sender.isTopFrame || originOf(sender.url) !== appOrigin) {
      log.warn('sender refused', { channel, url: sender?.url });
      return err('FORBIDDEN', `${channel} is only for the app's own page`);
    }
    try {
      return await run(handlers, channel, args);
    } catch (error) {
      log.error('handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
      return err('INTERNAL', error instanceof Error ? error.message : 'the handler failed');
    }
  };

/** The frame an invoke came from, as Electron's `IpcMainInvokeEvent.senderFrame` offers it. */
export type SenderFrameLike = { url: string; parent: unknown } | null;

/** The part of `ipcMain` used here; Electron's `ipcMain` fits it as is. */
export type IpcMainPort = {
  handle(channel: string, listener: (event: { senderFrame: SenderFrameLike }, ...args: unknown[]) => Promise<unknown>): void;
};

const senderOf = (event: { senderFrame: SenderFrameLike }): InvokeSender => {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isTopFrame: frame.parent === null } : null;
  } catch {
    // A frame that navigated away or was destroyed mid-call.
    return null;
  }
};

/** Registers exactly the contract's channels; returns the channels registered. */
export const registerIpc = (ipcMain: IpcMainPort, dispatch: Dispatch): readonly RequestChannel[] => {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, ...args) => dispatch(channel, senderOf(event), args));
  }
  return REQUEST_CHANNELS;
};
