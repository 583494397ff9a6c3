/**
 * Command-level errors shared by all stream commands: unknown commands and subcommands, arities
 * (with Redis's lower-case `name|sub` spelling), and case-insensitive names. Each case runs on a
 * real redis-server and on the model; messages must match exactly.
 */
import { describe, it } from 'vitest';
import { script, useDifferential } from '../support/differential.js';

describe('command errors', () => {
  const d = useDifferential();
  const check = (text: string) => d.diff().check(script(text));

  it('unknown commands quote their first arguments', () =>
    check(`
      FOO
      FOO a b
      foo 'a b' c
    `));

  it('arity errors for every command', () =>
    check(`
      XADD
      XADD s
      XADD s 1
      XADD s 1 f
      XLEN
      XLEN a b
      XRANGE s -
      XREVRANGE s +
      XDEL s
      XTRIM s
      XTRIM s MAXLEN
      XREADGROUP GROUP g c STREAMS s
      XACK s g
      XPENDING s
      XCLAIM s g c 0
      XAUTOCLAIM s g c 0
      XGROUP
      XINFO
    `));

  it('subcommands: unknown names, arity per subcommand, HELP', () =>
    check(`
      XGROUP FOO bar
      XGROUP foo
      XINFO FOO s
      XGROUP CREATE s g
      XGROUP SETID s g
      XGROUP DESTROY s
      XGROUP DESTROY s g x
      XGROUP CREATECONSUMER s g
      XGROUP DELCONSUMER s g c x
      XGROUP HELP x
      XINFO STREAM
      XINFO GROUPS
      XINFO CONSUMERS s
      XINFO HELP x
      XGROUP HELP
      XINFO HELP
      xinfo help
    `));

  it('command names and options are case-insensitive', () =>
    check(`
      xadd s 1 f v
      XaDd s MaxLen = 5 2 f v
      xgroup create s g 0
      xreadgroup group g c count 1 streams s >
      xpending s g
      xpending s g idle 0 - + 10
      xclaim s g d 0 1 justid retrycount 3
      xautoclaim s g d 0 0 count 1 justid
      xinfo stream s full count 1
      xack s g 1
      xrevrange s + - count 1
    `));
});
