import { operations } from './operations.ts';
import * as requests from './requests.ts';

/** The `@aws-appsync/utils/dynamodb` module handlers import. */
export const dynamodbModule = { ...requests, operations };
