/**
 * SCRIPT HELP and FUNCTION HELP as each version words them (`scriptCommand` in eval.c,
 * `functionHelpCommand` in functions.c): the lines are the same everywhere but for what the
 * profile names (Valkey's SCRIPT SHOW and its rewrapped FLUSH text, the library description 7.4
 * dropped from FUNCTION LIST) and the footer every HELP shares.
 */
import type { SemanticsProfile } from '../model/profile.js';

const FLUSH_MODES = ['    * ASYNC: Asynchronously flush the scripts cache.', '    * SYNC: Synchronously flush the scripts cache.'];

/** `SCRIPT HELP`. */
export function scriptHelp(profile: SemanticsProfile): string[] {
  const valkey = profile.scripting.scriptShow;
  return [
    'SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
    'DEBUG (YES|SYNC|NO)',
    '    Set the debug mode for subsequent scripts executed.',
    'EXISTS <sha1> [<sha1> ...]',
    '    Return information about the existence of the scripts in the script cache.',
    'FLUSH [ASYNC|SYNC]',
    '    Flush the Lua scripts cache. Very dangerous on replicas.',
    ...(valkey
      ? ['    When called without the optional mode argument, the behavior is determined', '     by the lazyfree-lazy-user-flush configuration directive. Valid modes are:']
      : ['    When called without the optional mode argument, the behavior is determined by the', '    lazyfree-lazy-user-flush configuration directive. Valid modes are:']),
    ...FLUSH_MODES,
    'KILL',
    '    Kill the currently executing Lua script.',
    'LOAD <script>',
    '    Load a script into the scripts cache without executing it.',
    ...(valkey ? ['SHOW <sha1>', '    Show a script from the scripts cache.'] : []),
    'HELP',
    profile.helpFooter,
  ];
}

/** `FUNCTION HELP`. */
export function functionHelp(profile: SemanticsProfile): string[] {
  return [
    'FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
    'LOAD [REPLACE] <FUNCTION CODE>',
    '    Create a new library with the given library name and code.',
    'DELETE <LIBRARY NAME>',
    '    Delete the given library.',
    'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
    '    Return general information on all the libraries:',
    '    * Library name',
    '    * The engine used to run the Library',
    ...(profile.scripting.functionListHelpNamesDescription ? ['    * Library description'] : []),
    '    * Functions list',
    '    * Library code (if WITHCODE is given)',
    '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
    'STATS',
    '    Return information about the current function running:',
    '    * Function name',
    '    * Command used to run the function',
    '    * Duration in MS that the function is running',
    '    If no function is running, return nil',
    '    In addition, returns a list of available engines.',
    'KILL',
    '    Kill the current running function.',
    'FLUSH [ASYNC|SYNC]',
    '    Delete all the libraries.',
    '    When called without the optional mode argument, the behavior is determined by the',
    '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
    '    * ASYNC: Asynchronously flush the libraries.',
    '    * SYNC: Synchronously flush the libraries.',
    'DUMP',
    '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
    'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
    '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
    '    control how to handle existing libraries (default APPEND):',
    '    * FLUSH: delete all existing libraries.',
    '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
    '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
    '      libraries with the new libraries (notice that even on this option there is a chance of failure',
    '      in case of functions name collision with another library).',
    'HELP',
    profile.helpFooter,
  ];
}
