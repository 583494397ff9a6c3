/**
 * Random command sequences over the whole stream command surface, for the random differential
 * suite: every stream command and subcommand with its options, edge IDs over the full 64-bit range,
 * keys of the wrong type, wrong arity, junk arguments, blocking reads (timed out, and woken from a
 * second connection), MULTI/EXEC transactions, commands sent from a Lua script, in any letter case.
 *
 * Generation is fast-check's and seeded: `sampleSequences(seed, n)` is the same list every time.
 * A step is drawn as a handful of numbers and turned into a command knowing the IDs added so far,
 * so that sequences build real state (groups with PELs, trimmed and deleted entries) instead of
 * failing on empty keys.
 */
import fc from 'fast-check';

/**
 * One step of a sequence: a command on the main connection, or a blocking read sent from a second
 * connection (`blocked`) followed by a command on the main one that may wake it (`wake`).
 */
export type Step =
  | { readonly kind: 'command'; readonly argv: readonly string[] }
  | { readonly kind: 'wake'; readonly blocked: readonly string[]; readonly argv: readonly string[] };

/** A generated sequence of steps. */
export type Sequence = readonly Step[];

/** Number of commands a step sends. */
export function commandsIn(step: Step): number {
  return step.kind === 'command' ? 1 : 2;
}

const U64_MAX = '18446744073709551615';

/** IDs at the edges of Redis's range and of its parser. */
const EDGE_IDS = [
  '0', '0-0', '0-1', '1', '1-0', '1-1', '2-5', '5', '(1-1', '(0-0', '-', '+', '$', '>', '*', '5-*', '0-*',
  '9007199254740991-0', '9007199254740991-9007199254740991', '9007199254740992-0', '9007199254740993-9007199254740993',
  '9223372036854775807-0', '9223372036854775808-1', `18446744073709551614-${U64_MAX}`, U64_MAX, `${U64_MAX}-0`,
  `${U64_MAX}-*`, `${U64_MAX}-${U64_MAX}`, `(${U64_MAX}-${U64_MAX}`, `(${U64_MAX}`, '18446744073709551616', 'x', '1-x',
  '-1', '1--1', ' 1', '+1', '01-01', '',
];

/** Integer arguments at the edges of Redis's parser. */
const EDGE_INTS = [
  '0', '1', '2', '3', '10', '100', '-1', '-5', 'x', '1.5', '', '9223372036854775807', '9223372036854775808',
  '-9223372036854775808', '9007199254740993',
];

/** Counts that make sense as COUNT / LIMIT / MAXLEN values, mostly small. */
const SMALL_INTS = ['0', '1', '1', '1', '2', '2', '2', '3', '3', '5', '10', '10', '-1', 'x'];

/** Stream keys (mostly), a key the sequence may turn into a string, and a key never written. */
const KEYS = ['s', 's', 's', 's', 's', 's', 't', 't', 'str', 'none'];
const GROUPS = ['g', 'g', 'g', 'g', 'h', 'h', 'nog'];
const CONSUMERS = ['c', 'c', 'd', 'e'];
/** Min-idle times that no entry crosses during a sequence (0, or an hour): claims are deterministic. */
const MIN_IDLES = ['0', '0', '0', '3600000', '-5', 'x'];

/** The raw draw for one step: an operation and a few numbers it interprets. */
interface Draw {
  readonly op: string;
  readonly n: readonly number[];
}

const OPS: fc.Arbitrary<string> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom('xadd', 'xadd', 'xadd', 'read-new', 'read-new', 'read-history', 'ack', 'pending-ext') },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'xadd-edge', 'xadd-options', 'xrange', 'xrevrange', 'xlen', 'xdel', 'xtrim', 'xread', 'claim', 'autoclaim',
      'pending', 'group-create', 'group-setid', 'info-stream', 'info-groups', 'info-consumers', 'xsetid',
    ),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'group-destroy', 'group-createconsumer', 'group-delconsumer', 'group-help', 'info-help', 'info-full', 'set-str',
      'del', 'read-block', 'wake', 'junk', 'arity', 'multi', 'multi', 'config', 'rename', 'set-options', 'key-type',
      'script',
    ),
  },
);

const DRAW: fc.Arbitrary<Draw> = fc.record({ op: OPS, n: fc.array(fc.nat(1000), { minLength: 8, maxLength: 8 }) });

/** Turns draws into steps, tracking the explicit IDs added so far. */
class Materializer {
  private readonly added: string[] = ['1-1'];
  private ms = 1;
  private n: readonly number[] = [];
  private i = 0;

  /** The next number of the current draw. */
  private next(): number {
    const v = this.n[this.i % this.n.length] as number;
    this.i++;
    return v;
  }

  private pick<T>(from: readonly T[]): T {
    return from[this.next() % from.length] as T;
  }

  private chance(percent: number): boolean {
    return this.next() % 100 < percent;
  }

  private key(): string {
    return this.pick(KEYS);
  }

  /** An ID: mostly one already added (so reads, acks and claims hit), sometimes an edge. */
  private id(): string {
    if (this.chance(25)) return this.pick(EDGE_IDS);
    if (this.chance(10)) return `${this.next() % 6}-${this.next() % 4}`;
    return this.pick(this.added);
  }

  private ids(max: number): string[] {
    const out: string[] = [];
    const n = 1 + (this.next() % max);
    for (let k = 0; k < n; k++) out.push(this.id());
    return out;
  }

  private fields(): string[] {
    const n = this.chance(85) ? 1 : 1 + (this.next() % 3);
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(this.pick(['f', 'g', 'issue']), String(this.next() % 500));
    return out;
  }

  /** A fresh explicit ID above every one added so far (sometimes with `-*`). */
  private freshId(): string {
    this.ms += 1 + (this.next() % 3);
    if (this.chance(15)) return `${this.ms}-*`;
    const id = `${this.ms}-${this.next() % 3}`;
    this.added.push(id);
    return id;
  }

  private trimSpec(): string[] {
    const strategy = this.chance(60) ? 'MAXLEN' : 'MINID';
    const out = [strategy];
    const approx = this.pick(['', '', '=', '~']);
    if (approx !== '') out.push(approx);
    out.push(strategy === 'MAXLEN' ? this.pick(SMALL_INTS) : this.id());
    if (this.chance(20)) out.push('LIMIT', this.pick(SMALL_INTS));
    return out;
  }

  private streamsArgs(special: string): string[] {
    const keys = this.chance(75) ? [this.key()] : [this.key(), this.key()];
    const ids = keys.map(() => (this.chance(50) ? special : this.id()));
    if (this.chance(5)) ids.pop(); // unbalanced
    return ['STREAMS', ...keys, ...ids];
  }

  private readGroup(block: string | null): string[] {
    const out = ['XREADGROUP', 'GROUP', this.pick(GROUPS), this.pick(CONSUMERS)];
    if (this.chance(60)) out.push('COUNT', this.pick(SMALL_INTS));
    if (block !== null) out.push('BLOCK', block);
    if (this.chance(10)) out.push('NOACK');
    out.push(...this.streamsArgs('>'));
    return out;
  }

  private read(block: string | null): string[] {
    const out = ['XREAD'];
    if (this.chance(50)) out.push('COUNT', this.pick(SMALL_INTS));
    if (block !== null) out.push('BLOCK', block);
    out.push(...this.streamsArgs('$'));
    return out;
  }

  /** One command for `op`, before any deliberate damage. */
  private command(op: string): string[] {
    switch (op) {
      case 'xadd':
        return ['XADD', this.chance(85) ? 's' : this.key(), this.freshId(), ...this.fields()];
      case 'xadd-edge':
        return ['XADD', this.key(), this.chance(20) ? '*' : this.pick(EDGE_IDS), ...this.fields()];
      case 'xadd-options': {
        const out = ['XADD', this.key()];
        if (this.chance(30)) out.push('NOMKSTREAM');
        if (this.chance(80)) out.push(...this.trimSpec());
        out.push(this.chance(70) ? this.freshId() : this.id(), ...this.fields());
        return out;
      }
      case 'xrange':
      case 'xrevrange': {
        const out = [op.toUpperCase(), this.key(), this.pick(['-', '+', '0', this.id()]), this.pick(['+', '-', this.id()])];
        if (this.chance(40)) out.push('COUNT', this.pick(SMALL_INTS));
        return out;
      }
      case 'xlen':
        return ['XLEN', this.key()];
      case 'xdel':
        return ['XDEL', this.key(), ...this.ids(3)];
      case 'xtrim':
        return ['XTRIM', this.key(), ...this.trimSpec()];
      case 'xread':
        return this.read(this.chance(10) ? this.pick(['-1', 'x']) : null);
      case 'read-new':
        return this.readGroup(null);
      case 'read-history': {
        const out = ['XREADGROUP', 'GROUP', this.pick(GROUPS), this.pick(CONSUMERS)];
        if (this.chance(40)) out.push('COUNT', this.pick(SMALL_INTS));
        out.push('STREAMS', this.key(), this.pick(['0', '0', this.id()]));
        return out;
      }
      case 'read-block':
        return this.chance(50) ? this.readGroup(this.pick(['1', '5'])) : this.read(this.pick(['1', '5']));
      case 'ack':
        return ['XACK', this.key(), this.pick(GROUPS), ...this.ids(2)];
      case 'pending':
        return ['XPENDING', this.key(), this.pick(GROUPS)];
      case 'pending-ext': {
        const out = ['XPENDING', this.key(), this.pick(GROUPS)];
        if (this.chance(15)) out.push('IDLE', this.pick(['0', '3600000', 'x']));
        out.push(this.pick(['-', '-', this.id()]), this.pick(['+', '+', this.id()]), this.pick(SMALL_INTS));
        if (this.chance(30)) out.push(this.pick(CONSUMERS));
        return out;
      }
      case 'claim': {
        const out = ['XCLAIM', this.key(), this.pick(GROUPS), this.pick(CONSUMERS), this.pick(MIN_IDLES), ...this.ids(2)];
        const options: string[][] = [
          ['IDLE', this.pick(['0', '3600000', '-1', 'x'])],
          ['TIME', this.pick(['0', '1', '99999999999999', 'x'])],
          ['RETRYCOUNT', this.pick(['0', '5', '9223372036854775807', '-1', 'x'])],
          ['FORCE'],
          ['JUSTID'],
          ['LASTID', this.id()],
        ];
        for (const option of options) if (this.chance(15)) out.push(...option);
        if (this.chance(3)) out.push('BOGUS');
        return out;
      }
      case 'autoclaim': {
        const out = ['XAUTOCLAIM', this.key(), this.pick(GROUPS), this.pick(CONSUMERS), this.pick(MIN_IDLES)];
        out.push(this.pick(['0', '0', '-', this.id()]));
        if (this.chance(40)) out.push('COUNT', this.pick(SMALL_INTS));
        if (this.chance(30)) out.push('JUSTID');
        return out;
      }
      case 'group-create': {
        const out = ['XGROUP', 'CREATE', this.key(), this.pick(GROUPS), this.pick(['0', '$', '$', this.id()])];
        if (this.chance(50)) out.push('MKSTREAM');
        if (this.chance(15)) out.push('ENTRIESREAD', this.pick(EDGE_INTS));
        return out;
      }
      case 'group-setid': {
        const out = ['XGROUP', 'SETID', this.key(), this.pick(GROUPS), this.pick(['0', '$', this.id()])];
        if (this.chance(30)) out.push('ENTRIESREAD', this.pick(EDGE_INTS));
        return out;
      }
      case 'group-destroy':
        return ['XGROUP', 'DESTROY', this.key(), this.pick(GROUPS)];
      case 'group-createconsumer':
        return ['XGROUP', 'CREATECONSUMER', this.key(), this.pick(GROUPS), this.pick(CONSUMERS)];
      case 'group-delconsumer':
        return ['XGROUP', 'DELCONSUMER', this.key(), this.pick(GROUPS), this.pick(CONSUMERS)];
      case 'group-help':
        return ['XGROUP', this.pick(['HELP', 'help', 'NOPE'])];
      case 'info-help':
        return ['XINFO', this.pick(['HELP', 'NOPE'])];
      case 'info-stream':
        return ['XINFO', 'STREAM', this.key()];
      case 'info-full': {
        const out = ['XINFO', 'STREAM', this.key(), 'FULL'];
        if (this.chance(50)) out.push('COUNT', this.pick(SMALL_INTS));
        return out;
      }
      case 'info-groups':
        return ['XINFO', 'GROUPS', this.key()];
      case 'info-consumers':
        return ['XINFO', 'CONSUMERS', this.key(), this.pick(GROUPS)];
      case 'xsetid': {
        const out = ['XSETID', this.key(), this.chance(60) ? this.pick(this.added) : this.pick(EDGE_IDS)];
        if (this.chance(30)) out.push('ENTRIESADDED', this.pick(EDGE_INTS));
        if (this.chance(30)) out.push('MAXDELETEDID', this.id());
        return out;
      }
      case 'set-str':
        return ['SET', 'str', this.pick(['x', '1'])];
      case 'del':
        return ['DEL', this.pick(['s', 't', 'str'])];
      case 'rename':
        // A stream moved under another name keeps its groups; onto an existing key, it replaces it.
        return [this.pick(['RENAME', 'RENAME', 'RENAMENX']), this.pick(['s', 't', 'str', 'none']), this.pick(['s', 't', 'str', 'u'])];
      case 'set-options': {
        // SET with options on a stream key: GET reads the old value's type, NX/XX decide by existence alone.
        const out = ['SET', this.pick(['s', 'str', 'none']), 'y'];
        if (this.chance(50)) out.push(this.pick(['NX', 'XX']));
        if (this.chance(50)) out.push('GET');
        return out;
      }
      case 'key-type':
        return [this.pick(['TYPE', 'EXISTS']), this.pick(['s', 't', 'str', 'u', 'none'])];
      case 'config':
        // Small nodes make node boundaries (approximate trimming, radix-tree counts) show in short sequences.
        return this.chance(70)
          ? ['CONFIG', 'SET', 'stream-node-max-entries', this.pick(['1', '2', '3', '5', '100'])]
          : ['CONFIG', 'SET', 'stream-node-max-bytes', this.pick(['0', '1', '60', '200', '4096'])];
      case 'script': {
        // A command sent from Lua: the same replies through Lua's conversions, and BLOCK refused
        // (7.0, 7.2) or answered at once (7.4+); redis.call adds the error's location.
        const inner = this.command(this.pick(['read-block', 'read-new', 'xread', 'ack', 'claim', 'autoclaim', 'xadd', 'pending-ext', 'info-groups', 'xsetid']));
        return ['EVAL', `return redis.${this.chance(70) ? 'pcall' : 'call'}(unpack(ARGV))`, '0', ...inner];
      }
      default:
        throw new Error(`generator bug: unknown op ${op}`);
    }
  }

  /** Sometimes drops trailing arguments (arity and syntax errors) or inserts a junk token. */
  private damage(argv: string[], op: string): string[] {
    if (op === 'arity') {
      const base = this.command(this.pick(['xadd', 'xrange', 'xlen', 'ack', 'claim', 'autoclaim', 'pending-ext', 'xsetid', 'group-create', 'info-consumers', 'read-new', 'xread', 'xtrim', 'xdel']));
      return base.slice(0, Math.max(1, base.length - 1 - (this.next() % base.length)));
    }
    if (op === 'junk') {
      const base = this.command(this.pick(['xadd-options', 'xrange', 'claim', 'autoclaim', 'pending-ext', 'xsetid', 'group-create', 'group-setid', 'info-full', 'read-new', 'xread', 'xtrim']));
      const at = 1 + (this.next() % base.length);
      base.splice(at, 0, this.pick(['FOO', 'COUNT', 'BLOCK', 'STREAMS', 'LIMIT', '~', 'MKSTREAM', 'JUSTID', '0']));
      return base;
    }
    return argv;
  }

  /** Random letter case for the command name (Redis matches names case-insensitively). */
  private casing(argv: string[]): string[] {
    if (this.chance(90)) return argv;
    const name = argv[0] as string;
    return [name.toLowerCase(), ...argv.slice(1)];
  }

  /**
   * A transaction: MULTI, a few commands (blocking reads answer nil inside it; an arity error
   * aborts it; a nested MULTI or a WATCH is refused, and aborts it on Valkey), then EXEC or
   * sometimes DISCARD.
   */
  private transaction(): Step[] {
    const ops = ['xadd', 'read-new', 'read-block', 'ack', 'claim', 'xdel', 'group-setid', 'xsetid', 'info-groups', 'set-str', 'rename', 'arity', 'junk', 'nest'];
    const out: string[][] = [['MULTI']];
    const n = 1 + (this.next() % 4);
    for (let k = 0; k < n; k++) {
      const op = this.pick(ops);
      if (op === 'nest') out.push(this.chance(50) ? ['MULTI'] : ['WATCH', this.key()]);
      else out.push(op === 'junk' || op === 'arity' ? this.damage([], op) : this.command(op));
    }
    out.push([this.chance(90) ? 'EXEC' : 'DISCARD']);
    return out.map((argv) => ({ kind: 'command', argv }));
  }

  steps(draw: Draw): Step[] {
    this.n = draw.n;
    this.i = 0;
    if (draw.op === 'multi') return this.transaction();
    return [this.step(draw)];
  }

  private step(draw: Draw): Step {
    if (draw.op === 'wake') {
      const blocked = this.chance(60) ? this.readGroup(WAKE_BLOCK_MS) : this.read(WAKE_BLOCK_MS);
      const argv = this.chance(70)
        ? ['XADD', blocked[blocked.indexOf('STREAMS') + 1] as string, this.freshId(), ...this.fields()]
        : this.command(this.pick(['del', 'group-destroy', 'xadd-edge', 'set-str', 'xsetid', 'rename', 'set-options']));
      return { kind: 'wake', blocked, argv };
    }
    const base = draw.op === 'junk' || draw.op === 'arity' ? [] : this.command(draw.op);
    return { kind: 'command', argv: this.casing(this.damage(base, draw.op)) };
  }
}

/**
 * BLOCK time of a read woken from the other connection. Long enough that the second command
 * reaches the real server before it times out, short enough that a read nothing wakes costs little.
 */
export const WAKE_BLOCK_MS = '100';

/**
 * Every sequence starts from two streams with groups (one of them ahead of the entries), so that
 * reads, acknowledgements and claims meet state rather than NOGROUP; the shrinker drops what a
 * divergence does not need.
 */
const PREFIX: readonly Step[] = [
  ['XADD', 's', '1-1', 'f', '0'],
  ['XGROUP', 'CREATE', 's', 'g', '0'],
  ['XGROUP', 'CREATE', 's', 'h', '$'],
  ['XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM'],
].map((argv) => ({ kind: 'command', argv }));

/** Sequences of the prefix plus 5 to 30 generated steps. */
export const sequenceArbitrary: fc.Arbitrary<Sequence> = fc
  .array(DRAW, { minLength: 5, maxLength: 30 })
  .map((draws) => {
    const m = new Materializer();
    return [...PREFIX, ...draws.flatMap((d) => m.steps(d))];
  });

/** The `count` sequences for `seed`, the same every time. */
export function sampleSequences(seed: number, count: number): Sequence[] {
  return fc.sample(sequenceArbitrary, { seed, numRuns: count });
}
