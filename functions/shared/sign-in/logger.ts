import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The sign-in triggers' structured logger (service name and level from POWERTOOLS_SERVICE_NAME / _LOG_LEVEL).
 * Rule for every call site: the OTP session id and outcomes only; never the answer, a code, a MAC or an address.
 */
export const logger = new Logger();
