/** Lua scripting for the simulated server: EVAL/EVALSHA/SCRIPT and FUNCTION/FCALL on fengari. */
export { Scripting } from './scripting.js';
export type { ScriptCall } from './redis-lib.js';
export { repliesWithStatus } from './status-commands.js';
