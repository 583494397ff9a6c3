/** The command table the simulated server answers with, and its extension points. */
import { connectionCommands } from './connection.js';
import { dataCommands } from './data.js';
import { keyspaceCommands } from './keyspace.js';
import { pubsubCommands } from './pubsub.js';
import { scriptingCommands } from './scripting.js';
import { CommandTable } from './table.js';
import { transactionCommands } from './transaction.js';

export { CommandTable, arityError, unknownCommandError, unknownSubcommandError, arityOk } from './table.js';
export { executeInSession, unwatchAll } from './transaction.js';
export { MODELLED_REDIS_VERSION } from './connection.js';
export { streamCommandKeys } from './data.js';
export { reply } from './types.js';
export type { Blocking, CommandContext, CommandFlags, CommandSpec, Outcome, ServerView, Session, Subscriptions } from './types.js';

/**
 * A table with every command pelsim models: streams, other values, keyspace, connection,
 * transaction, scripting and pub/sub commands. Modules that add commands (scripting, pub/sub, more keyspace commands)
 * register theirs on the table this returns.
 */
export function createCommandTable(): CommandTable {
  const table = new CommandTable();
  for (const spec of dataCommands()) table.register(spec);
  for (const spec of keyspaceCommands()) table.register(spec);
  for (const spec of connectionCommands(table)) table.register(spec);
  for (const spec of transactionCommands(table)) table.register(spec);
  for (const spec of scriptingCommands(table)) table.register(spec);
  for (const spec of pubsubCommands()) table.register(spec);
  return table;
}
