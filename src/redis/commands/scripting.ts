/**
 * EVAL/EVALSHA/EVAL_RO/EVALSHA_RO, SCRIPT, FUNCTION and FCALL/FCALL_RO as table commands. A
 * script's `redis.call` goes back through the same table with `atomic: true`, so it reaches every
 * command a connection can send, nothing blocks, and no other connection runs until it returns;
 * clients blocked on keys it wrote are served after it, as after EXEC.
 */
import { RedisReplyError, type Reply } from '../model/types.js';
import { toPlainReply } from '../resp/values.js';
import type { CommandTable } from './table.js';
import { reply, type CommandContext, type CommandSpec } from './types.js';

const SCRIPT_COMMANDS = ['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script', 'function', 'fcall', 'fcall_ro'];

/** Keys of EVAL-like commands: `numkeys` of them after the script or function name. */
function scriptKeys(argv: readonly string[]): readonly string[] {
  const name = (argv[0] as string).toLowerCase();
  if (name === 'script' || name === 'function') return [];
  const n = Number(argv[2]);
  return Number.isInteger(n) && n > 0 ? argv.slice(3, 3 + n) : [];
}

/** One `redis.call` from a script: synchronous, at the script's instant, through the table. */
function callFromScript(table: CommandTable, ctx: CommandContext, argv: readonly string[]): Reply {
  const spec = table.resolve(argv, ctx);
  if (spec.flags?.noScript) throw new RedisReplyError('ERR This Redis command is not allowed from script');
  const outcome = table.run(spec, ctx, argv);
  // Scripts run with atomic set, so nothing may block; a nil stands in should a command try.
  return outcome.kind === 'reply' ? toPlainReply(outcome.value) : null;
}

/** The scripting commands, given the table scripts call back into. */
export function scriptingCommands(table: CommandTable): CommandSpec[] {
  return SCRIPT_COMMANDS.map(
    (name): CommandSpec => ({
      name,
      arity: -2,
      flags: { write: !name.endsWith('_ro'), noScript: true },
      keys: scriptKeys,
      run: (ctx, argv) => {
        const atomic: CommandContext = { ...ctx, atomic: true, fromScript: true };
        return reply(ctx.server.scripting.execute(argv, (inner) => callFromScript(table, atomic, inner)));
      },
    }),
  );
}
