/**
 * Subscription invalidation ("Unsubscribing WebSocket connections using filters in AWS AppSync",
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-invalidation.html): a mutation's
 * resolver calls `extensions.invalidateSubscriptions({ subscriptionField, payload })`; every open subscription on
 * `subscriptionField` whose resolver set an invalidation filter matching `payload` is unsubscribed.
 */

/** One `extensions.invalidateSubscriptions` argument, validated. */
export interface Invalidation {
  /** The Subscription field whose subscriptions are examined. */
  subscriptionField: string;
  /** What the subscriptions' invalidation filters are evaluated against. */
  payload: unknown;
}

/**
 * The well-formed invalidations among what resolvers recorded (a string `subscriptionField`); others are dropped,
 * since a malformed call has nothing to act on (AppSync's reaction to one is not documented).
 */
export function validInvalidations(recorded: readonly unknown[] | undefined): Invalidation[] {
  const valid: Invalidation[] = [];
  for (const item of recorded ?? []) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const { subscriptionField, payload } = item as Record<string, unknown>;
    if (typeof subscriptionField === 'string' && subscriptionField !== '') valid.push({ subscriptionField, payload: payload ?? null });
  }
  return valid;
}
