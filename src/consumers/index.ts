/** Consumer loops: built-in strategies a user could copy, the idempotency guard, user modules. */
export type { ConsumerContext, ConsumerContextOf, ConsumerLoop, Agent, WorkHooks, WorkOutcome } from './context.js';
export { entriesOf } from './context.js';
export { rig } from './rig.js';
export { newOnly } from './new-only.js';
export { ackFirst } from './ack-first.js';
export { autoclaim, type AutoclaimOptions } from './autoclaim.js';
export { guarded } from './guard.js';
export { workThenAck } from './work-entry.js';
export { resolveConsumer, loadConsumerModule, ConsumerModuleError } from './registry.js';
