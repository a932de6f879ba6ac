import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logger (service name and level from POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL).
 * Never logs a recipient's address: only its domain (a complainer's address is personal data, and the table has it).
 */
export const logger = new Logger();
