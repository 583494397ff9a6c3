/**
 * pelsim: a discrete-event simulator of replicas consuming one Redis Stream through a consumer
 * group, with a faithful in-process model of Redis 7.0 consumer groups.
 *
 * @packageDocumentation
 */
export * from './redis/index.js';
export * from './engine/index.js';
export * from './library/index.js';
