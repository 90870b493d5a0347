/** Sync: push, pull and the poke WebSocket. */
import type { FastifyInstance } from 'fastify';
import { pullRequestSchema } from '../../../src-shared/sync/protocol';
import { currentVersion } from '../../desk/version';
import { pull } from '../../sync/pull';
import { parsePush, push } from '../../sync/push';
import { parseRecords, pushRecords } from '../../sync/records';
import { type RouteContext, requireSession } from '../context';
import { parse } from '../validate';

/** A full push of MAX_PUSH (2,000) mutations with long descriptions can be large; a workstation answered 413 halves its batch. */
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

export const syncRoutes = (app: FastifyInstance, ctx: RouteContext): void => {
  app.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    // The session is looked up while the body is validated: the lookup waits for the database,
    // which may be writing the push before this one, and validating 2,000 mutations takes tens
    // of milliseconds that need not wait with it. A request without a valid session is still
    // answered 401 whatever its body.
    const session = requireSession(ctx, request);
    let parsed: ReturnType<typeof parsePush>;
    try {
      parsed = parsePush(request.body);
    } catch (e) {
      await session;
      throw e;
    }
    const { actor } = await session;
    const { response, appliedAny } = await push(ctx.handle.db, actor, parsed, ctx.log);
    if (appliedAny) {
      if (ctx.fault === 'exit-after-commit') {
        ctx.log.warn('FIRSTLINE_FAULT=exit-after-commit: exiting right after the push committed, without answering');
        process.exit(137);
      }
      ctx.hub.publish(response.version);
    }
    return response;
  });

  app.post('/api/sync/records', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const { actor } = await requireSession(ctx, request);
    return pushRecords(ctx.handle.db, actor, parseRecords(request.body));
  });

  app.post('/api/sync/pull', async (request) => {
    const { actor } = await requireSession(ctx, request);
    return pull(ctx.handle.db, actor, parse(pullRequestSchema, request.body ?? {}));
  });

  app.get(
    '/api/sync/ws',
    {
      websocket: true,
      // Authenticated before the upgrade: a bad token is answered 401 and no socket opens.
      preValidation: async (request) => {
        await requireSession(ctx, request, true);
      },
    },
    async (socket) => {
      ctx.hub.add(socket, (await currentVersion(ctx.handle.db)).version);
    },
  );
};
