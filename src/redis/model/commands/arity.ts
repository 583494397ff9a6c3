import { RedisReplyError } from '../types.js';

/** Redis's arity error. `fullName` is the command name, `xgroup|create` for subcommands; Redis prints it lower-case. */
export function arityError(fullName: string): RedisReplyError {
  return new RedisReplyError(`ERR wrong number of arguments for '${fullName.toLowerCase()}' command`);
}
