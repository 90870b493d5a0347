/**
 * The engine's media: which microphone calls send (our own MediaStream factory
 * for sip.js, so the device and the raw constraints always apply), where each
 * call's audio plays (an audio element per call, `setSinkId` = the speaker),
 * the device list, and swapping the microphone of calls in progress
 * (`replaceTrack`, no re-INVITE). No UI: audio elements are never attached to
 * a document.
 */
import type { CallId, DeviceChoice, MediaDevice } from '../../../../src-shared/calls';

/** What sip.js is asked for: audio only; the factory below decides which microphone and how. */
export const AUDIO_ONLY: MediaStreamConstraints = { audio: true, video: false };

type SinkElement = HTMLMediaElement & { sinkId?: string; setSinkId?: (id: string) => Promise<void> };

/**
 * Sends an element's output to `deviceId` ('' or undefined = the default device) where the platform allows it.
 * Nothing to do when it already goes there (a new element plays on the default device): asking costs the
 * page's main thread a device authorisation round trip.
 */
export async function setSink(el: HTMLMediaElement, deviceId: string | undefined): Promise<void> {
  const s = el as SinkElement;
  if (typeof s.setSinkId !== 'function' || s.sinkId === (deviceId ?? '')) return;
  await s.setSinkId(deviceId ?? '');
}

export class MediaControl {
  private choiceValue: DeviceChoice = {};
  private players = new Map<CallId, HTMLAudioElement>();

  /** @param processing echo cancellation, gain control and noise suppression on the microphone */
  constructor(private processing = false) {}

  get choice(): DeviceChoice {
    return { ...this.choiceValue };
  }

  setProcessing(on: boolean): void {
    this.processing = on;
  }

  /** getUserMedia constraints for the chosen microphone. Raw by default (LAB.md: processing dropped levels once a second call opened). */
  microphoneConstraints(): MediaStreamConstraints {
    const p = this.processing;
    const id = this.choiceValue.microphoneId;
    return { audio: { ...(id ? { deviceId: { exact: id } } : {}), echoCancellation: p, autoGainControl: p, noiseSuppression: p }, video: false };
  }

  /** sip.js `MediaStreamFactory`: ignores the constraints sip.js passes (always {@link AUDIO_ONLY}) and opens our microphone. */
  readonly streamFactory = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia(this.microphoneConstraints());

  /** Plays a call's remote audio on the chosen speaker. */
  play(callId: CallId, stream: MediaStream): void {
    this.stop(callId);
    const el = new Audio();
    el.autoplay = true;
    el.srcObject = stream;
    this.players.set(callId, el);
    void setSink(el, this.choiceValue.speakerId).catch(() => undefined);
    void el.play().catch(() => undefined);
  }

  stop(callId: CallId): void {
    const el = this.players.get(callId);
    if (!el) return;
    el.pause();
    el.srcObject = null;
    this.players.delete(callId);
  }

  async devices(): Promise<MediaDevice[]> {
    const all = await navigator.mediaDevices.enumerateDevices();
    return all.flatMap((d): MediaDevice[] => {
      if (d.kind === 'audioinput') return [{ id: d.deviceId, label: d.label, kind: 'microphone' }];
      if (d.kind === 'audiooutput') return [{ id: d.deviceId, label: d.label, kind: 'speaker' }];
      return [];
    });
  }

  /**
   * Chooses devices (only the fields given change). Unknown ids are refused.
   * Returns which of microphone / speaker changed so the engine can apply them to calls.
   */
  async choose(next: DeviceChoice): Promise<{ ok: true; microphone: boolean; speaker: boolean; ringer: boolean } | { ok: false; missing: string }> {
    const known = await this.devices();
    const has = (kind: MediaDevice['kind'], id: string | undefined) => id === undefined || id === '' || id === 'default' || known.some((d) => d.kind === kind && d.id === id);
    if (!has('microphone', next.microphoneId)) return { ok: false, missing: `microphone ${next.microphoneId}` };
    if (!has('speaker', next.speakerId)) return { ok: false, missing: `speaker ${next.speakerId}` };
    if (!has('speaker', next.ringerId)) return { ok: false, missing: `ringer ${next.ringerId}` };
    const prev = this.choiceValue;
    this.choiceValue = { ...prev, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) };
    const speaker = next.speakerId !== undefined && next.speakerId !== prev.speakerId;
    if (speaker) for (const el of this.players.values()) await setSink(el, this.choiceValue.speakerId).catch(() => undefined);
    return {
      ok: true,
      microphone: next.microphoneId !== undefined && next.microphoneId !== prev.microphoneId,
      speaker,
      ringer: next.ringerId !== undefined && next.ringerId !== prev.ringerId,
    };
  }

  /** Swaps the microphone a call sends (no re-INVITE); keeps the track's enabled state (mute, hold). */
  async replaceMicrophone(pc: RTCPeerConnection): Promise<void> {
    const sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender) return;
    const stream = await this.streamFactory();
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    const old = sender.track;
    track.enabled = old?.enabled ?? true;
    await sender.replaceTrack(track);
    old?.stop();
  }

  /** Preflight: the microphone opens and gives a live audio track; the speaker exists (or the default is used). */
  async check(): Promise<{ microphone: { ok: boolean; detail?: string }; speaker: { ok: boolean; detail?: string } }> {
    let microphone: { ok: boolean; detail?: string };
    try {
      const s = await this.streamFactory();
      const t = s.getAudioTracks()[0];
      microphone = t && t.readyState === 'live' ? { ok: true, detail: t.label } : { ok: false, detail: 'no audio track' };
      s.getTracks().forEach((x) => x.stop());
    } catch (e) {
      microphone = { ok: false, detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    let speaker: { ok: boolean; detail?: string };
    const id = this.choiceValue.speakerId;
    const outputs = (await this.devices().catch(() => [])).filter((d) => d.kind === 'speaker');
    if (id && id !== 'default') speaker = outputs.some((d) => d.id === id) ? { ok: true, detail: id } : { ok: false, detail: `speaker ${id} is gone` };
    else speaker = { ok: typeof (HTMLMediaElement.prototype as SinkElement).setSinkId === 'function' || outputs.length > 0, detail: 'default output' };
    return { microphone, speaker };
  }

  close(): void {
    for (const id of [...this.players.keys()]) this.stop(id);
  }
}
