import { DEFAULT_SUPPRESSION_PERIOD_SECONDS } from '../../infra/model/index.ts';

/** The function's configuration, read once per container. */
export interface FeedbackConfig {
  tableName: string;
  /** How long a hard bounce suppresses a mailbox (SUPPRESSION_PERIOD_SECONDS). */
  suppressionPeriodSeconds: number;
}

/** @throws Error naming the variable when TABLE_NAME is missing or the period is not a positive integer. */
export function readConfig(env: Record<string, string | undefined>): FeedbackConfig {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) throw new Error('Environment variable TABLE_NAME is required');
  const raw = env.SUPPRESSION_PERIOD_SECONDS?.trim();
  const period = raw ? Number(raw) : DEFAULT_SUPPRESSION_PERIOD_SECONDS;
  if (!Number.isInteger(period) || period < 1) {
    throw new Error('Environment variable SUPPRESSION_PERIOD_SECONDS must be a positive integer');
  }
  return { tableName, suppressionPeriodSeconds: period };
}
