/**
 * Connection commands clients send while connecting and checking readiness: PING, ECHO, HELLO,
 * CLIENT (ID, SETNAME, GETNAME, SETINFO, LIST, INFO, NO-EVICT, NO-TOUCH), SELECT, INFO, COMMAND,
 * QUIT (RESET is with the pub/sub commands, whose state it clears).
 */
import { RedisReplyError, type Reply } from '../model/types.js';
import { PubSubHub } from '../pubsub.js';
import { MapReply, OK, StatusReply, type RespValue } from '../resp/values.js';
import { arityError, unknownSubcommandError, type CommandTable } from './table.js';
import { reply, type CommandContext, type CommandSpec, type Session } from './types.js';

/** The Redis release pelsim's default 7.0 profile was proven against. */
export const MODELLED_REDIS_VERSION = '7.0.15';

const PONG = new StatusReply('PONG');

/** Redis rejects names with blanks or control characters. */
function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

function setName(session: Session, name: string): void {
  if (!validClientName(name)) {
    throw new RedisReplyError('ERR Client names cannot contain spaces, newlines or special characters.');
  }
  session.name = name === '' ? null : name;
}

/** CLIENT LIST's flags: `P` subscribed, `x` in MULTI, `N` none (in Redis's order). */
function clientFlags(session: Session): string {
  const flags = (PubSubHub.count(session) > 0 ? 'P' : '') + (session.transaction ? 'x' : '');
  return flags === '' ? 'N' : flags;
}

function clientInfoLine(session: Session, now: number): string {
  const age = Math.floor((now - session.createdAt) / 1000);
  return (
    `id=${session.id} addr=127.0.0.1:${40000 + session.id} laddr=127.0.0.1:6379 fd=${8 + session.id} ` +
    `name=${session.name ?? ''} age=${age} idle=0 flags=${clientFlags(session)} db=${session.db} ` +
    `sub=${session.subscriptions?.channels.size ?? 0} psub=${session.subscriptions?.patterns.size ?? 0} ssub=0 multi=${session.transaction ? session.transaction.queued.length : -1} ` +
    `watch=${session.watched?.size ?? 0} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 ` +
    `omem=0 tot-mem=0 events=r cmd=client|info user=default redir=-1 resp=${session.protocol} ` +
    `lib-name=${session.libName ?? ''} lib-ver=${session.libVersion ?? ''}`
  );
}

function client(ctx: CommandContext, argv: readonly string[]): RespValue {
  const session = ctx.session;
  const given = argv[1] as string;
  const sub = given.toLowerCase();
  const need = (n: number): void => {
    if (argv.length !== n) throw arityError(`client|${sub}`);
  };
  switch (sub) {
    case 'id':
      need(2);
      return session.id;
    case 'setname':
      need(3);
      setName(session, argv[2] as string);
      return OK;
    case 'getname':
      need(2);
      return session.name;
    case 'setinfo': {
      need(4);
      const attr = (argv[2] as string).toLowerCase();
      const value = argv[3] as string;
      if (attr === 'lib-name') {
        if (!validClientName(value) && value !== '') {
          throw new RedisReplyError('ERR lib-name cannot contain spaces, newlines or special characters.');
        }
        session.libName = value === '' ? null : value;
      } else if (attr === 'lib-ver') {
        session.libVersion = value === '' ? null : value;
      } else {
        throw new RedisReplyError(`ERR Unrecognized option '${argv[2] as string}'`);
      }
      return OK;
    }
    case 'info':
      need(2);
      return `${clientInfoLine(session, ctx.now)}\n`;
    case 'list': {
      let out = '';
      for (const s of ctx.server.sessions()) out += `${clientInfoLine(s, ctx.now)}\n`;
      return out;
    }
    case 'no-evict':
    case 'no-touch': {
      need(3);
      const mode = (argv[2] as string).toLowerCase();
      if (mode !== 'on' && mode !== 'off') throw new RedisReplyError('ERR syntax error');
      return OK;
    }
    default:
      throw unknownSubcommandError('client', given);
  }
}

function hello(ctx: CommandContext, argv: readonly string[]): RespValue {
  const session = ctx.session;
  let protocol = session.protocol;
  let i = 1;
  if (argv.length > 1) {
    const ver = argv[1] as string;
    if (!/^[0-9]+$/.test(ver)) throw new RedisReplyError('ERR Protocol version is not an integer or out of range');
    const n = Number(ver);
    if (n !== 2 && n !== 3) throw new RedisReplyError('NOPROTO unsupported protocol version');
    protocol = n;
    i = 2;
  }
  let name: string | undefined;
  for (; i < argv.length; i++) {
    const opt = (argv[i] as string).toLowerCase();
    const more = argv.length - i - 1;
    if (opt === 'auth' && more >= 2) {
      // No password is configured: like Redis's default user with nopass, any credentials pass.
      i += 2;
    } else if (opt === 'setname' && more >= 1) {
      name = argv[++i] as string;
    } else {
      throw new RedisReplyError(`ERR Syntax error in HELLO option '${argv[i] as string}'`);
    }
  }
  if (name !== undefined) setName(session, name);
  session.protocol = protocol;
  const identity = ctx.server.streams.profile.identity;
  return new MapReply([
    ['server', identity.name],
    ['version', identity.release],
    ['proto', protocol],
    ['id', session.id],
    ['mode', 'standalone'],
    ['role', 'master'],
    ['modules', []],
  ]);
}

function info(ctx: CommandContext, argv: readonly string[]): string {
  const sessions = [...ctx.server.sessions()];
  const seconds = Math.floor(ctx.now / 1000);
  const sections: Record<string, string[]> = {
    server: [
      `redis_version:${ctx.server.streams.profile.identity.redisVersion}`,
      'redis_mode:standalone',
      'os:pelsim simulated server',
      'arch_bits:64',
      'process_id:1',
      'tcp_port:6379',
      `uptime_in_seconds:${seconds}`,
      `uptime_in_days:${Math.floor(seconds / 86400)}`,
      'executable:pelsim',
    ],
    clients: [
      `connected_clients:${sessions.length}`,
      `blocked_clients:${ctx.server.blockedClients}`,
      'maxclients:10000',
    ],
    memory: ['used_memory:1048576', 'maxmemory:0', 'maxmemory_policy:noeviction'],
    persistence: ['loading:0', 'async_loading:0', 'rdb_bgsave_in_progress:0', 'aof_enabled:0'],
    replication: ['role:master', 'connected_slaves:0'],
    keyspace: [],
  };
  const keys = ctx.server.streams.keys().length + ctx.server.values.keys(ctx.now).length;
  if (keys > 0) sections.keyspace = [`db0:keys=${keys},expires=0,avg_ttl=0`];
  const asked = argv.slice(1).map((a) => a.toLowerCase());
  const all = asked.length === 0 || asked.some((a) => a === 'all' || a === 'everything' || a === 'default');
  let out = '';
  for (const [name, lines] of Object.entries(sections)) {
    if (!all && !asked.includes(name)) continue;
    if (out !== '') out += '\r\n';
    out += `# ${name[0]?.toUpperCase()}${name.slice(1)}\r\n`;
    for (const line of lines) out += `${line}\r\n`;
  }
  return out;
}

/** COMMAND's reply entry for one command (Redis 7 shape: name, arity, flags, key positions, ...). */
function commandInfo(spec: CommandSpec): Reply {
  const flags = spec.flags?.write ? ['write'] : ['readonly'];
  const firstKey = spec.keys ? 1 : 0;
  return [spec.name, spec.arity, flags, firstKey, firstKey, firstKey, [], [], [], []];
}

function command(table: CommandTable, argv: readonly string[]): RespValue {
  if (argv.length === 1) return table.all().map(commandInfo);
  const given = argv[1] as string;
  switch (given.toLowerCase()) {
    case 'count':
      return table.all().length;
    case 'list':
      return table.all().map((spec) => spec.name);
    case 'info':
      return argv.slice(2).map((name) => {
        const spec = table.get(name);
        return spec ? commandInfo(spec) : null;
      });
    case 'docs':
      return new MapReply([]);
    default:
      throw unknownSubcommandError('command', given);
  }
}

/** The connection commands, given the table (COMMAND describes it). */
export function connectionCommands(table: CommandTable): CommandSpec[] {
  return [
    {
      name: 'ping',
      arity: -1,
      flags: { subscribedMode: true },
      run: (ctx, argv) => {
        if (argv.length > 2) throw arityError('ping');
        // A RESP2 subscriber tells replies from messages by shape: PING answers as a message would.
        if (ctx.session.protocol === 2 && PubSubHub.count(ctx.session) > 0) return reply(['pong', argv[1] ?? '']);
        return reply(argv.length === 2 ? (argv[1] as string) : PONG);
      },
    },
    { name: 'echo', arity: 2, run: (_ctx, argv) => reply(argv[1] as string) },
    { name: 'hello', arity: -1, flags: { noScript: true }, run: (ctx, argv) => reply(hello(ctx, argv)) },
    { name: 'client', arity: -2, flags: { noScript: true }, run: (ctx, argv) => reply(client(ctx, argv)) },
    {
      name: 'select',
      arity: 2,
      run: (ctx, argv) => {
        const text = argv[1] as string;
        if (!/^-?[0-9]+$/.test(text)) throw new RedisReplyError('ERR value is not an integer or out of range');
        const db = Number(text);
        if (db < 0 || db >= 16) throw new RedisReplyError('ERR DB index is out of range');
        if (db !== 0) {
          ctx.server.log(`pelsim: SELECT ${db} refused: pelsim's simulated Redis models database 0 only`);
          throw new RedisReplyError(`ERR pelsim models database 0 only (SELECT ${db})`);
        }
        ctx.session.db = db;
        return reply(OK);
      },
    },
    { name: 'info', arity: -1, run: (ctx, argv) => reply(info(ctx, argv)) },
    { name: 'command', arity: -1, run: (_ctx, argv) => reply(command(table, argv)) },
    {
      name: 'quit',
      arity: -1,
      flags: { transactionControl: true, noScript: true, subscribedMode: true },
      run: (ctx) => {
        ctx.session.closing = true;
        return reply(OK);
      },
    },
  ];
}
