/**
 * `redis.version` as written: a version name, or the number YAML makes of an unquoted one.
 */
import type { RedisVersion } from '../redis/model/profile.js';
import type { PathSegment } from './errors.js';
import { isPlainObject, type PlainObject } from './merge.js';

/** Numbers that name a Redis release: YAML's `7.0` (the number 7), `7.2` and `7.4`. */
export const VERSION_NUMBERS = [7, 7.2, 7.4] as const;

type VersionNumber = (typeof VERSION_NUMBERS)[number];

const BY_NUMBER: Readonly<Record<VersionNumber, RedisVersion>> = { 7: '7.0', 7.2: '7.2', 7.4: '7.4' };

/** The version a validated `redis.version` names. */
export function versionNamed(value: RedisVersion | VersionNumber): RedisVersion {
  return typeof value === 'number' ? BY_NUMBER[value] : value;
}

function isVersionNumber(value: unknown): value is VersionNumber {
  return typeof value === 'number' && (VERSION_NUMBERS as readonly number[]).includes(value);
}

/**
 * The value a setting at `segments` stands for, as pelsim names it: at `redis.version` a number
 * that names a release (YAML's unquoted `7.0` is the number 7) becomes its name, `"7.0"`, so a
 * sweep row, a warning or a label never reads "7"; every other value is returned as it is.
 */
export function canonicalSetting<T>(segments: readonly PathSegment[], value: T): T | RedisVersion {
  const [last, parent] = [segments.at(-1), segments.at(-2)];
  return parent === 'redis' && last === 'version' && isVersionNumber(value) ? versionNamed(value) : value;
}

/**
 * A raw scenario (parsed YAML or JSON) with each `redis.version` written as a number, at the top
 * level and in each variant, replaced by the name it stands for; a copy, the input is not changed.
 * Anything else (a string, a number naming no release) stays for the schema to judge.
 */
export function withVersionNames(raw: PlainObject): PlainObject {
  const named = (settings: PlainObject): PlainObject => {
    const redis = settings.redis;
    if (!isPlainObject(redis) || !isVersionNumber(redis.version)) return settings;
    return { ...settings, redis: { ...redis, version: versionNamed(redis.version) } };
  };
  const out = named(raw);
  if (!Array.isArray(raw.variants)) return out;
  return { ...out, variants: raw.variants.map((v: unknown) => (isPlainObject(v) ? named(v) : v)) };
}
