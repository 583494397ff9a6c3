/**
 * Pub/sub commands: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, PUBSUB
 * (CHANNELS, NUMSUB, NUMPAT), and RESET. Subscription replies are pushes, one per channel or
 * pattern (RESP3 `>`, RESP2 arrays); messages reach subscribers through their session's push sink,
 * in order with the replies of their own connection.
 *
 * A RESP2 connection with a subscription is in subscribed mode: only the commands flagged
 * `subscribedMode` run there ({@link checkSubscribedMode}); RESP3 connections run anything.
 */
import { RedisReplyError, type Reply } from '../model/types.js';
import { PubSubHub } from '../pubsub.js';
import { PushReply, ReplyFrames, StatusReply, type RespValue } from '../resp/values.js';
import { UnsupportedCommandError } from '../unsupported.js';
import { arityError, unknownSubcommandError } from './table.js';
import { unwatchAll } from './transaction.js';
import { reply, type CommandContext, type CommandSpec, type Outcome } from './types.js';

/** Commands whose full name (`client|setname`) Redis's subscribed-mode error quotes. */
const CONTAINERS = new Set(['client', 'command', 'config', 'function', 'memory', 'object', 'pubsub', 'script', 'xgroup', 'xinfo']);

/**
 * Refuses `spec` on a RESP2 connection in subscribed mode, with Redis's error (the command's full
 * name, `container|subcommand` for container commands); on Valkey, refuses (P)UNSUBSCRIBE outside it.
 * Call it when the session has subscriptions or `spec` is a subscribed-mode command.
 */
export function checkSubscribedMode(ctx: CommandContext, spec: CommandSpec, argv: readonly string[]): void {
  const session = ctx.session;
  const subscribed = PubSubHub.count(session) > 0;
  if (!subscribed && ctx.server.streams.profile.unsubscribeNeedsSubscription && (spec.name === 'unsubscribe' || spec.name === 'punsubscribe')) {
    throw new RedisReplyError(`NOSUB '${spec.name}' command executed not in subscribed mode`);
  }
  if (session.protocol !== 2 || spec.flags?.subscribedMode || !subscribed) return;
  const sub = argv.length > 1 && CONTAINERS.has(spec.name) ? `|${(argv[1] as string).toLowerCase()}` : '';
  throw new RedisReplyError(
    `ERR Can't execute '${spec.name}${sub}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  );
}

/** A subscription reply: `[kind, channel or pattern (nil when there was none), count]`. */
function notice(kind: string, name: string | null, count: number): PushReply {
  return new PushReply([kind, name, count]);
}

/** SUBSCRIBE and PSUBSCRIBE need a connection that can hear pushes: a real client on the URL. */
function needsPushes(ctx: CommandContext, argv: readonly string[]): void {
  if (ctx.session.push !== null) return;
  const name = (argv[0] as string).toUpperCase();
  ctx.server.log(`pelsim: ${name} on the direct client refused: subscribe through a real client (ioredis, node-redis) connected to server.url`);
  throw new UnsupportedCommandError(`${name} on pelsim's direct client; connect ioredis or node-redis to server.url to subscribe`);
}

function subscribe(ctx: CommandContext, argv: readonly string[], pattern: boolean): Outcome {
  needsPushes(ctx, argv);
  const hub = ctx.server.pubsub;
  const frames: RespValue[] = [];
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i] as string;
    const count = pattern ? hub.psubscribe(ctx.session, name) : hub.subscribe(ctx.session, name);
    frames.push(notice(pattern ? 'psubscribe' : 'subscribe', name, count));
  }
  return reply(new ReplyFrames(frames));
}

function unsubscribe(ctx: CommandContext, argv: readonly string[], pattern: boolean): Outcome {
  const hub = ctx.server.pubsub;
  const session = ctx.session;
  const kind = pattern ? 'punsubscribe' : 'unsubscribe';
  const subscribed = pattern ? session.subscriptions?.patterns : session.subscriptions?.channels;
  const names = argv.length > 1 ? argv.slice(1) : [...(subscribed ?? [])];
  // A bare UNSUBSCRIBE with nothing subscribed still answers, with a nil name.
  if (names.length === 0) return reply(new ReplyFrames([notice(kind, null, PubSubHub.count(session))]));
  const frames = names.map((name) => notice(kind, name, pattern ? hub.punsubscribe(session, name) : hub.unsubscribe(session, name)));
  return reply(new ReplyFrames(frames));
}

function pubsub(ctx: CommandContext, argv: readonly string[]): RespValue {
  const hub = ctx.server.pubsub;
  const given = argv[1] as string;
  const sub = given.toLowerCase();
  if (sub === 'channels' && argv.length <= 3) return hub.activeChannels(argv[2]);
  if (sub === 'numsub') {
    const out: Reply[] = [];
    for (const channel of argv.slice(2)) out.push(channel, hub.subscribers(channel));
    return out;
  }
  if (sub === 'numpat' && argv.length === 2) return hub.patternCount;
  if (sub === 'numpat') throw arityError('pubsub|numpat');
  if (sub === 'channels') {
    // CHANNELS takes any count as far as the command table goes; the command itself refuses more.
    throw new RedisReplyError(`ERR unknown subcommand or wrong number of arguments for '${given.slice(0, 128)}'. Try PUBSUB HELP.`);
  }
  throw unknownSubcommandError('pubsub', given);
}

/** RESET: the connection back to its state after connecting (RESP2, no name, no transaction, no subscription). */
function reset(ctx: CommandContext): Outcome {
  const session = ctx.session;
  session.transaction = null;
  unwatchAll(session);
  ctx.server.pubsub.forget(session);
  session.db = 0;
  session.protocol = 2;
  session.name = null;
  return reply(new StatusReply('RESET'));
}

/** The pub/sub commands and RESET. */
export function pubsubCommands(): CommandSpec[] {
  const listen = { noScript: true, subscribedMode: true } as const;
  return [
    { name: 'subscribe', arity: -2, flags: listen, run: (ctx, argv) => subscribe(ctx, argv, false) },
    { name: 'psubscribe', arity: -2, flags: listen, run: (ctx, argv) => subscribe(ctx, argv, true) },
    { name: 'unsubscribe', arity: -1, flags: listen, run: (ctx, argv) => unsubscribe(ctx, argv, false) },
    { name: 'punsubscribe', arity: -1, flags: listen, run: (ctx, argv) => unsubscribe(ctx, argv, true) },
    {
      name: 'publish',
      arity: 3,
      run: (ctx, argv) => reply(ctx.server.pubsub.publish(argv[1] as string, argv[2] as string)),
    },
    { name: 'pubsub', arity: -2, run: (ctx, argv) => reply(pubsub(ctx, argv)) },
    {
      name: 'reset',
      arity: 1,
      flags: { transactionControl: true, noScript: true, subscribedMode: true },
      run: (ctx) => reset(ctx),
    },
  ];
}
