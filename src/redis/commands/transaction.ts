/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH, and the queueing of commands inside a transaction
 * ({@link executeInSession}). EXEC runs the queued commands back to back with `atomic: true`, so
 * nothing blocks and no other connection runs in between; the server serves blocked readers once,
 * after EXEC, as Redis does.
 */
import { RedisReplyError } from '../model/types.js';
import { OK, ReplyFrames, StatusReply, type RespValue } from '../resp/values.js';
import { checkSubscribedMode } from './pubsub.js';
import type { CommandTable } from './table.js';
import { reply, type CommandContext, type CommandSpec, type Outcome, type Session } from './types.js';

const QUEUED = new StatusReply('QUEUED');

/** Clears a session's WATCHed keys. */
export function unwatchAll(session: Session): void {
  session.watched = null;
  session.watchDirty = false;
}

/**
 * Runs `argv` for the session: inside MULTI, checks and queues it (an unknown command, a wrong
 * arity or a command the version flags `CMD_NO_MULTI` aborts the transaction, as in Redis);
 * otherwise runs it through the table.
 */
export function executeInSession(table: CommandTable, ctx: CommandContext, argv: readonly string[]): Outcome {
  const transaction = ctx.session.transaction;
  let spec: CommandSpec;
  try {
    spec = table.resolve(argv, ctx);
    if (ctx.session.subscriptions !== null || spec.flags?.subscribedMode) checkSubscribedMode(ctx, spec, argv);
  } catch (error) {
    if (transaction !== null) transaction.aborted = true;
    throw error;
  }
  if (transaction === null) return table.run(spec, ctx, argv);
  if (ctx.server.streams.profile.noMultiCommands.includes(spec.name)) {
    transaction.aborted = true;
    throw new RedisReplyError('ERR Command not allowed inside a transaction');
  }
  if (spec.flags?.transactionControl || spec.flags?.noMulti) return table.run(spec, ctx, argv);
  transaction.queued.push([...argv]);
  return reply(QUEUED);
}

/** The transaction commands, given the table EXEC runs queued commands through. */
export function transactionCommands(table: CommandTable): CommandSpec[] {
  return [
    {
      name: 'multi',
      arity: 1,
      flags: { noMulti: true, noScript: true },
      run: ({ session }) => {
        if (session.transaction) throw new RedisReplyError('ERR MULTI calls can not be nested');
        session.transaction = { queued: [], aborted: false };
        return reply(OK);
      },
    },
    {
      name: 'exec',
      arity: 1,
      flags: { transactionControl: true, noScript: true },
      run: (ctx) => reply(exec(table, ctx)),
    },
    {
      name: 'discard',
      arity: 1,
      flags: { transactionControl: true, noScript: true },
      run: ({ session }) => {
        if (!session.transaction) throw new RedisReplyError('ERR DISCARD without MULTI');
        session.transaction = null;
        unwatchAll(session);
        return reply(OK);
      },
    },
    {
      name: 'watch',
      arity: -2,
      flags: { noMulti: true, noScript: true },
      run: ({ session }, argv) => {
        if (session.transaction) throw new RedisReplyError('ERR WATCH inside MULTI is not allowed');
        const watched = (session.watched ??= new Set());
        for (const key of argv.slice(1)) watched.add(key);
        return reply(OK);
      },
    },
    {
      name: 'unwatch',
      arity: 1,
      flags: { noScript: true },
      run: ({ session }) => {
        unwatchAll(session);
        return reply(OK);
      },
    },
  ];
}

function exec(table: CommandTable, ctx: CommandContext): RespValue {
  const session = ctx.session;
  const transaction = session.transaction;
  if (!transaction) throw new RedisReplyError('ERR EXEC without MULTI');
  session.transaction = null;
  const dirty = session.watchDirty;
  unwatchAll(session);
  if (transaction.aborted) {
    throw new RedisReplyError('EXECABORT Transaction discarded because of previous errors.');
  }
  if (dirty) return null;
  const atomic: CommandContext = { ...ctx, atomic: true };
  const results: RespValue[] = [];
  // 7.0 writes a message published to this very connection where it is made: inside EXEC's
  // array, before the reply of the command that published it (7.2+ holds it until after EXEC).
  const sink = session.push;
  const inline: RespValue[] = [];
  if (sink !== null && !ctx.server.streams.profile.ownPushesAfterReply) session.push = (frame) => inline.push(frame);
  try {
    for (const argv of transaction.queued) {
      let result: RespValue;
      try {
        const outcome = table.execute(atomic, argv);
        // Commands are run with atomic set, so none may block; a nil stands in should one try.
        result = outcome.kind === 'reply' ? outcome.value : null;
      } catch (error) {
        result = error instanceof RedisReplyError ? error : new RedisReplyError(String(error));
      }
      results.push(inline.length === 0 ? result : new ReplyFrames([...inline.splice(0), result]));
    }
  } finally {
    session.push = sink;
  }
  return results;
}
