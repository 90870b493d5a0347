/**
 * Pushes contract events (`HostEvents`) from main to the pages on our origin.
 * Pages elsewhere never receive them (none should exist: navigation is guarded).
 */
import type { EventChannel, HostEvents } from '../src-shared/host/contract';
import { originOf } from './security';

/** A page that can receive events: index.ts adapts each window's WebContents. */
export type EventPage = { url: string; destroyed: boolean; send(channel: EventChannel, payload: unknown): void };

export type Broadcast = <E extends EventChannel>(event: E, payload: HostEvents[E]) => number;

/** Builds `broadcast(event, payload)`; it returns how many pages it reached. */
export const createBroadcaster =
  (appOrigin: string, targets: () => readonly EventPage[]): Broadcast =>
  (event, payload) => {
    let reached = 0;
    for (const target of targets()) {
      if (target.destroyed || originOf(target.url) !== appOrigin) continue;
      target.send(event, payload);
      reached++;
    }
    return reached;
  };
