import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logger (service name and level from POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL).
 * Call sites log the sessionId and outcomes, never the email address.
 */
export const logger = new Logger();
