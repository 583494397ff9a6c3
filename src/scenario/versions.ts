/**
 * `redis.version` as written: a version name, or the number YAML makes of an unquoted one.
 */
import type { RedisVersion } from '../redis/model/profile.js';

/** Numbers that name a Redis release: YAML's `7.0` (the number 7), `7.2` and `7.4`. */
export const VERSION_NUMBERS = [7, 7.2, 7.4] as const;

const BY_NUMBER: Readonly<Record<(typeof VERSION_NUMBERS)[number], RedisVersion>> = { 7: '7.0', 7.2: '7.2', 7.4: '7.4' };

/** The version a validated `redis.version` names. */
export function versionNamed(value: RedisVersion | (typeof VERSION_NUMBERS)[number]): RedisVersion {
  return typeof value === 'number' ? BY_NUMBER[value] : value;
}
