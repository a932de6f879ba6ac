import { systemClock, type Clock } from '../clock.ts';
import type { InvocationStateRef } from '../invocation-state.ts';
import { authType } from './auth-type.ts';
import { dynamodbUtils } from './dynamodb.ts';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding.ts';
import { createErrorUtils } from './errors.ts';
import { createHttpUtils } from './http.ts';
import { autoId, autoKsuid, autoUlid } from './ids.ts';
import { matches } from './matches.ts';
import { math } from './math.ts';
import { str } from './str.ts';
import { createTimeUtils } from './time.ts';
import { transform } from './transform.ts';
import * as types from './type-checks.ts';
import { xml } from './xml.ts';
import { toJsonObject } from '../rds-module/to-json-object.ts';
import { currentState } from '../invocation-state.ts';

/**
 * Builds the `util` object of `@aws-appsync/utils` for one loaded module
 * (https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html); `util.rds.toJsonObject` is the rds
 * module's (rds-utils.d.ts; recorded to answer the same). Every "now" it hands out (`util.time`, the time part of
 * `autoUlid`/`autoKsuid`) is read from `clock`, so an engine on an adjustable clock moves them together (clock.ts).
 */
export function createUtil(ref: InvocationStateRef, clock: Clock = systemClock) {
  // Read through the object at each call: an adjustable clock is moved after the module has loaded.
  const now = () => clock.now();
  return {
    ...createErrorUtils(ref),
    autoId,
    autoUlid: () => autoUlid(now()),
    autoKsuid: () => autoKsuid(now()),
    base64Encode,
    base64Decode,
    urlEncode,
    urlDecode,
    escapeJavaScript,
    matches,
    authType: () => authType(currentState(ref).ctx.identity),
    ...types,
    time: createTimeUtils(now),
    str,
    math,
    dynamodb: dynamodbUtils,
    transform,
    http: createHttpUtils(ref),
    xml,
    rds: { toJsonObject },
  };
}
