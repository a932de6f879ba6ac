/** Counts DynamoDB calls and consumed capacity, for benchmarks (`server.stats()`). */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/** A snapshot of the counters. */
export interface DynamoDbStatsSnapshot {
  /** Calls by DynamoDB operation name (GetItem, TransactWriteItems…). */
  requestsByOperation: Record<string, number>;
  totalRequests: number;
  readCapacityUnits: number;
  writeCapacityUnits: number;
}

/** Mutable counters, shared by every DynamoDB data source of a server. */
export class DynamoDbStats {
  private readonly byOperation = new Map<string, number>();
  private readUnits = 0;
  private writeUnits = 0;

  /** Records one call and the capacity DynamoDB reported for it. */
  record(operation: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, kind: 'read' | 'write'): void {
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      // DynamoDB Local may only fill CapacityUnits; attribute it by the operation's kind.
      const read = entry.ReadCapacityUnits ?? (kind === 'read' ? (entry.CapacityUnits ?? 0) : 0);
      const write = entry.WriteCapacityUnits ?? (kind === 'write' ? (entry.CapacityUnits ?? 0) : 0);
      this.readUnits += read;
      this.writeUnits += write;
    }
  }

  snapshot(): DynamoDbStatsSnapshot {
    const requestsByOperation = Object.fromEntries(this.byOperation);
    return {
      requestsByOperation,
      totalRequests: Object.values(requestsByOperation).reduce((sum, count) => sum + count, 0),
      readCapacityUnits: this.readUnits,
      writeCapacityUnits: this.writeUnits,
    };
  }

  reset(): void {
    this.byOperation.clear();
    this.readUnits = 0;
    this.writeUnits = 0;
  }
}
