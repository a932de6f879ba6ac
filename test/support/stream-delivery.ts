/**
 * How the local stack's event source mappings redeliver a failed stream batch, for tests that wait out a redelivery
 * that must not happen. The first retry waits the poller's retry delay, which defaults to its poll interval
 * (local/lambda/stream-poller.ts: 250 ms; local/start-functions.ts does not override it), doubled per further retry.
 * Defined here because local/ does not export its default; if it changes there, these waits must follow.
 */
export const FIRST_RETRY_DELAY_MS = 250;
