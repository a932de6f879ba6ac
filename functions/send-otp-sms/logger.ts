import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logger. Rule for every call site: log the sessionId and outcomes, never the code, its MAC or the number. */
export const logger = new Logger();
