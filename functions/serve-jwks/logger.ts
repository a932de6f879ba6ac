import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logger (service name and level from POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL). */
export const logger = new Logger();
