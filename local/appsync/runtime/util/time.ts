import { formatEpochMillis, parseToEpochMillis } from './java-date-format.ts';

/** `util.time` (https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time-js.html). */
export interface TimeUtils {
  nowISO8601(): string;
  nowEpochSeconds(): number;
  nowEpochMilliSeconds(): number;
  nowFormatted(format: string, timezone?: string): string;
  parseFormattedToEpochMilliSeconds(timestamp: string, format: string, timezone?: string): number;
  parseISO8601ToEpochMilliSeconds(timestamp: string): number;
  epochMilliSecondsToSeconds(milliseconds: number): number;
  epochMilliSecondsToISO8601(milliseconds: number): string;
  epochMilliSecondsToFormatted(milliseconds: number, format: string, timezone?: string): string;
}

/** Builds util.time around a clock (injectable so tests can pin "now"). */
export function createTimeUtils(now: () => number = Date.now): TimeUtils {
  return {
    nowISO8601: () => new Date(now()).toISOString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format, timezone) => formatEpochMillis(now(), format, timezone),
    parseFormattedToEpochMilliSeconds: (timestamp, format, timezone) => parseToEpochMillis(timestamp, format, timezone),
    parseISO8601ToEpochMilliSeconds: (timestamp) => {
      const millis = Date.parse(timestamp);
      if (Number.isNaN(millis)) throw new Error(`Invalid ISO8601 timestamp "${timestamp}"`);
      return millis;
    },
    epochMilliSecondsToSeconds: (milliseconds) => Math.floor(milliseconds / 1000),
    epochMilliSecondsToISO8601: (milliseconds) => new Date(milliseconds).toISOString(),
    epochMilliSecondsToFormatted: (milliseconds, format, timezone) => formatEpochMillis(milliseconds, format, timezone),
  };
}
