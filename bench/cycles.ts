/**
 * The unit both Redis benches time: one issue's round trip through a consumer group (XADD, then
 * XREADGROUP of it by one of four consumers, then XACK), on any ioredis-shaped client.
 */

/** The four commands a cycle sends, as ioredis (and pelsim's direct client) name them. */
export interface CycleClient {
  xadd(...args: (string | number)[]): Promise<unknown>;
  xreadgroup(...args: (string | number)[]): Promise<unknown>;
  xack(...args: (string | number)[]): Promise<unknown>;
  xgroup(...args: (string | number)[]): Promise<unknown>;
}

/** Commands in one cycle, to turn cycles/s into commands/s. */
export const COMMANDS_PER_CYCLE = 3;

/** Cycles per second over `count` cycles on a fresh `issues` stream and group `g`. */
export async function cycleRate(client: CycleClient, count: number): Promise<number> {
  await client.xgroup('CREATE', 'issues', 'g', '$', 'MKSTREAM');
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await client.xadd('issues', '*', 'issue', String(i));
    const reply = (await client.xreadgroup('GROUP', 'g', `pod-${i % 4}`, 'COUNT', 1, 'STREAMS', 'issues', '>')) as [string, [string, string[]][]][];
    const id = reply[0]?.[1][0]?.[0];
    if (id === undefined) throw new Error(`cycle ${i}: XREADGROUP returned no entry after XADD`);
    await client.xack('issues', 'g', id);
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}
