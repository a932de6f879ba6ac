/**
 * Epoch time to ISO-8601 UTC without `Date` (APPSYNC_JS offers only part of it), by the days-to-civil
 * algorithm of H. Hinnant ("chrono-compatible low-level date algorithms"), valid for years 0000–9999.
 */

const MILLIS_PER_DAY = 86_400_000;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

function fourDigits(value: number): string {
  return value < 10 ? `000${value}` : value < 100 ? `00${value}` : value < 1000 ? `0${value}` : `${value}`;
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` for epoch milliseconds, the same text as `new Date(ms).toISOString()`; a valid
 * AWSDateTime.
 *
 * @example epochMillisToIso(0) // '1970-01-01T00:00:00.000Z'
 */
export function epochMillisToIso(epochMillis: number): string {
  const millis = Math.floor(epochMillis);
  const days = Math.floor(millis / MILLIS_PER_DAY);
  const millisOfDay = millis - days * MILLIS_PER_DAY;
  // Days since 1970-01-01 to a civil date, counting in 400-year eras that start on 0000-03-01.
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

  const hours = Math.floor(millisOfDay / 3_600_000);
  const minutes = Math.floor((millisOfDay % 3_600_000) / 60_000);
  const seconds = Math.floor((millisOfDay % 60_000) / 1000);
  const fraction = millisOfDay % 1000;
  const fractionText = fraction < 10 ? `00${fraction}` : fraction < 100 ? `0${fraction}` : `${fraction}`;
  return `${fourDigits(year)}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${fractionText}Z`;
}

/** ISO-8601 UTC for epoch seconds (the table's `expiresAt`). */
export function epochSecondsToIso(epochSeconds: number): string {
  return epochMillisToIso(epochSeconds * 1000);
}
