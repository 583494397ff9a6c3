import seedrandom from 'seedrandom';

/** A random source: returns a float in [0, 1). */
export type Rng = () => number;

/**
 * Returns a factory of independent random streams, one per purpose, all derived from `rootSeed`.
 * Separate streams mean that drawing one more work duration does not reshuffle the fault times.
 * Alea is used because it is about 4x cheaper per draw than seedrandom's default ARC4.
 */
export function createRngFactory(rootSeed: string | number): (purpose: string) => Rng {
  const root = String(rootSeed);
  return (purpose: string) => seedrandom.alea(`${root}\u241f${purpose}`) as Rng;
}
