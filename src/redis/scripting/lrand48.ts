/**
 * Redis's `redisLrand48` (src/rand.c): the 48-bit linear congruential generator behind Lua's
 * `math.random` in scripts. Same constants and start state as Redis, so a fresh server's scripts
 * draw the same numbers as a fresh redis-server (checked by the differential tests).
 */

const MULTIPLIER = 0x5deece66dn;
const INCREMENT = 0xbn;
const MASK = (1n << 48n) - 1n;
/** Redis's X2:X1:X0 start state. */
const START = 0x1234abcd330en;
/** REDIS_LRAND48_MAX (INT32_MAX). */
export const LRAND48_MAX = 2147483647;

/** One generator; Redis keeps one per server, shared by every script. */
export class Lrand48 {
  private state = START;

  /** The next 31-bit value. */
  next(): number {
    this.state = (MULTIPLIER * this.state + INCREMENT) & MASK;
    return Number(this.state >> 17n);
  }

  /** `math.randomseed(seed)`: `redisSrand48`, the low 32 bits of the seed above 0x330E. */
  seed(seed: number): void {
    const s = BigInt.asUintN(32, BigInt(Math.trunc(seed)));
    this.state = (s << 16n) | 0x330en;
  }

  /** A float in [0, 1), as `redis_math_random` computes it. */
  fraction(): number {
    return (this.next() % LRAND48_MAX) / LRAND48_MAX;
  }
}
