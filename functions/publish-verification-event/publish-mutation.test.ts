import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PublishOtpVerifiedDocument } from '../../infra/documents/generated/graphql.ts';
import { PUBLISH_OTP_VERIFIED } from './publish-mutation.ts';

describe('PUBLISH_OTP_VERIFIED', () => {
  // The function keeps the operation as a string, so its bundle needs no GraphQL printer; this holds it to the one
  // document the tests use (infra/documents/publishOtpVerified.graphql).
  it('is the operation of infra/documents', () => {
    expect(print(parse(PUBLISH_OTP_VERIFIED))).toBe(print(PublishOtpVerifiedDocument));
  });
});
