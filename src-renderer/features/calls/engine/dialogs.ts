/**
 * Ending a call's dialog from an engine that did not make it. When an engine dies mid-call
 * (its renderer crashed or hung), its peer connection dies with it but the far end still holds
 * the call: the caller would hear silence until they hang up. The windows keep each confirmed
 * call's {@link DialogRef} (it travels on `call:changed`), and once a new engine is connected
 * they ask it (`phone:endDialogs`) to send the BYE the old one no longer can: the same request
 * sip.js's own dialog builds (RFC 3261 §12.2.1.1: Request-URI = remote target, Route = the
 * route set, From/To with the dialog's tags, its Call-ID), sent through the new transport.
 */
import type { Core, URI } from 'sip.js';
import { UserAgent } from 'sip.js';
import type { DialogRef } from '../../../../src-shared/calls';

/**
 * What a confirmed sip.js dialog tells of itself. `Session.dialog` is typed as the core's
 * `Session` interface; the object is a `SessionDialog`, a `Dialog` with its route set and CSeq.
 */
type DialogLike = Pick<Core.Session, 'callId' | 'localTag' | 'remoteTag' | 'localURI' | 'remoteURI' | 'remoteTarget'> &
  Partial<Pick<Core.Dialog, 'routeSet' | 'localSequenceNumber'>>;

export const dialogRefOf = (d: DialogLike): DialogRef => ({
  callId: d.callId,
  localTag: d.localTag,
  remoteTag: d.remoteTag,
  localUri: d.localURI.toString(),
  remoteUri: d.remoteURI.toString(),
  remoteTarget: d.remoteTarget.toString(),
  routeSet: [...(d.routeSet ?? [])],
  ...(d.localSequenceNumber === undefined ? {} : { localSeq: d.localSequenceNumber }),
});

/**
 * The BYE's CSeq: above any the old engine can have sent in the dialog. sip.js starts a
 * dialog's local CSeq below 10,000 and adds one per request (re-INVITEs for hold, INFO for
 * DTMF, REFER), and the far end only needs it higher than the last one it saw (§12.2.2).
 */
export const byeCSeq = (d: Pick<DialogRef, 'localSeq'>): number => Math.max(d.localSeq ?? 0, 10_000) + 10_000;

const uri = (text: string, what: string): URI => {
  const u = UserAgent.makeURI(text);
  if (!u) throw new Error(`bad ${what} ${text}`);
  return u;
};

/** The BYE for `d`, as its own dialog would have made it. */
export const byeRequestFor = (core: Core.UserAgentCore, d: DialogRef): Core.OutgoingRequestMessage =>
  core.makeOutgoingRequestMessage('BYE', uri(d.remoteTarget, 'remote target'), uri(d.localUri, 'local URI'), uri(d.remoteUri, 'remote URI'), {
    callId: d.callId,
    cseq: byeCSeq(d),
    fromTag: d.localTag,
    toTag: d.remoteTag,
    routeSet: d.routeSet,
  });

/** How long to wait for a BYE's final response (its transaction's own timer F is 32 s). */
const ANSWER_WAIT_MS = 10_000;

/** Call-IDs an engine remembers having ended (more than one window asks it after a restart). */
const ENDED_KEPT = 100;

/**
 * Sends a BYE for each dialog and waits for their final responses; answers how many got one
 * (any status: 481 means the far end had already let the call go). A dialog this engine has
 * already ended (`ended`: every window of an Electron engine asks for the same calls after a
 * restart) is not sent again and counts as answered.
 */
export const endDialogs = async (core: Core.UserAgentCore, dialogs: readonly DialogRef[], ended: Set<string> = new Set()): Promise<number> => {
  const fresh = dialogs.filter((d, i) => !ended.has(d.callId) && dialogs.findIndex((o) => o.callId === d.callId) === i);
  for (const d of fresh) ended.add(d.callId);
  for (const id of [...ended].slice(0, Math.max(0, ended.size - ENDED_KEPT))) ended.delete(id);
  const answers = fresh.map(
    (d) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ANSWER_WAIT_MS);
        const done = (answered: boolean) => () => {
          clearTimeout(timer);
          resolve(answered);
        };
        core.request(byeRequestFor(core, d), { onAccept: done(true), onRedirect: done(true), onReject: done(true) });
      }),
  );
  return dialogs.length - fresh.length + (await Promise.all(answers)).filter(Boolean).length;
};
