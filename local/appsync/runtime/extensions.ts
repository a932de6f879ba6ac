import { currentState, type InvocationStateRef } from './invocation-state.ts';

/** The `extensions` object of `@aws-appsync/utils`: records subscription filters and invalidations. */
export interface AppSyncExtensions {
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(invalidation: unknown): void;
}

/** Copies in and out through JSON so recorded values never alias objects the handler keeps mutating. */
function snapshot(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Builds `extensions` writing into whichever evaluation is current. */
export function createExtensions(ref: InvocationStateRef): AppSyncExtensions {
  return {
    setSubscriptionFilter(filter) {
      currentState(ref).subscriptionFilter = snapshot(filter);
    },
    setSubscriptionInvalidationFilter(filter) {
      currentState(ref).subscriptionInvalidationFilter = snapshot(filter);
    },
    invalidateSubscriptions(invalidation) {
      currentState(ref).invalidations.push(snapshot(invalidation));
    },
  };
}
