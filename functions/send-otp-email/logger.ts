import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logger (service name and level from POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL).
 * Rule for every call site: log the sessionId and outcomes, never the code, its MAC or the email address.
 */
export const logger = new Logger();
