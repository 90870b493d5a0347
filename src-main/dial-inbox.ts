/**
 * Holds tel:/sip: links until the page is listening. The page subscribes to
 * `deeplink:dial`, then calls `deeplink:take`: that drains what waited (the link
 * that launched the app, say) and from then on links are pushed straight away.
 * A page (re)load makes it wait again, so a link is never sent into a page that
 * has not subscribed yet.
 *
 *   waiting --take--> live --page load--> waiting
 *   offer while waiting (or push fails) → queued (newest MAX_PENDING kept)
 */
import type { DialRequest } from '../src-shared/host/contract';

const MAX_PENDING = 10;

export type DialInbox = {
  /** A link arrived: push it if the page is live, otherwise keep it. */
  offer(request: DialRequest): void;
  /** The page asks for what waited; it is live from now on. */
  take(): DialRequest[];
  /** The page is (re)loading: hold links until it takes again. */
  pageLoading(): void;
};

/** `push` sends one link to the page and says whether it could. */
export const createDialInbox = (push: (request: DialRequest) => boolean): DialInbox => {
  let pending: DialRequest[] = [];
  let live = false;
  return {
    offer(request) {
      if (live && push(request)) return;
      pending = [...pending, request].slice(-MAX_PENDING);
    },
    take() {
      live = true;
      const out = pending;
      pending = [];
      return out;
    },
    pageLoading() {
      live = false;
    },
  };
};
