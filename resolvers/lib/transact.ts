/** The shape of AppSync's TransactWriteItems result, and how to read a condition failure from it. */

/**
 * One entry of `ctx.result.cancellationReasons`, in the order of `transactItems`. `item` is the item as it was
 * (already converted to plain JSON) when the request asked for `returnValuesOnConditionCheckFailure` and the item
 * existed.
 */
export interface CancellationReason<Item> {
  type: string;
  message?: string | null;
  item?: Item | null;
}

/** `ctx.result` of a TransactWriteItems request: `keys` on success, `cancellationReasons` when DynamoDB cancelled it. */
export interface TransactWriteResult<Item> {
  keys?: unknown[] | null;
  cancellationReasons?: CancellationReason<Item>[] | null;
}

/** AppSync's error type for a false condition on a non-transactional write (`ctx.result` is then the item as it is). */
export const CONDITION_FAILED_ERROR = 'DynamoDB:ConditionalCheckFailedException';

/** DynamoDB's cancellation code when another transaction held one of the items. */
export const TRANSACTION_CONFLICT = 'TransactionConflict';

/** DynamoDB's cancellation code for an item whose condition expression was false. */
export const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * When the transaction was cancelled because the condition on item `index` was false: `{ item }` with the item as it
 * was (null when it did not exist). Otherwise (success, or cancelled for another reason such as a
 * TransactionConflict) undefined.
 */
export function conditionFailure<Item>(
  result: TransactWriteResult<Item> | null | undefined,
  index: number,
): { item: Item | null } | undefined {
  const reason = result?.cancellationReasons?.[index];
  if (!reason || reason.type !== CONDITION_FAILED) return undefined;
  return { item: reason.item ?? null };
}
