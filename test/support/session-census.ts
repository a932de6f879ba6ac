import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isSessionPk, PURPOSE_ATTRIBUTE, SIGN_IN_PURPOSE, type SessionItem } from '../../infra/model/index.ts';
import { LocalTable } from './table.ts';

/**
 * Counts what is in the stack's table for one address, to prove a request wrote nothing. Scans with a filter
 * rather than counting the whole table, because other suites write to the same shared table concurrently.
 */
export class SessionCensus extends LocalTable {
  /**
   * Every item about `email` (normalized the way generateOtp stores it): sessions whose `email` attribute equals
   * it, and send-limit items (`RATE#…`, `COOLDOWN#…`) whose key contains it.
   */
  async itemsFor(email: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, never> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: await this.name(),
          FilterExpression: '#email = :email OR contains(pk, :email)',
          ExpressionAttributeNames: { '#email': 'email' },
          ExpressionAttributeValues: { ':email': { S: email } },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) items.push(unmarshall(item));
      startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (startKey);
    return items;
  }

  /** The session items of `email`. */
  async sessionsFor(email: string): Promise<Record<string, unknown>[]> {
    return (await this.itemsFor(email)).filter((item) => isSessionPk(String(item.pk)));
  }

  /** The Cognito sign-in sessions of `email` (what the triggers wrote: the tests look behind them). */
  async signInSessionsFor(email: string): Promise<SessionItem[]> {
    return (await this.sessionsFor(email)).filter((item) => item[PURPOSE_ATTRIBUTE] === SIGN_IN_PURPOSE) as unknown as SessionItem[];
  }

  /** Number of items in the table (all suites' sessions together). */
  async total(): Promise<number> {
    let count = 0;
    let startKey: Record<string, never> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({ TableName: await this.name(), Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (startKey);
    return count;
  }

  close(): void {
    this.client.destroy();
  }
}
