/**
 * `Mutation.signUp(sessionId, name)` (a direct Lambda resolver): uses the session up at the OtpService API
 * (IAM-signed `consumeVerification`, as this function's role), which answers with the email it verified — exactly
 * once — then writes the member once per email. The browser's word is never taken: only the OtpService API says who
 * proved an email, and a session signs up one member at most.
 */
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { print } from 'graphql';
import { ConsumeVerificationDocument } from 'otp-appsync-cdk/documents';

interface SignUpEvent {
  arguments: { sessionId: string; name: string };
}

interface Verification {
  email: string;
  state: string;
}

const CONSUME_MUTATION = print(ConsumeVerificationDocument);
const dynamodb = new DynamoDBClient({});

/** The OtpService API's answer for the session, signed with this function's credentials; its refusals are thrown. */
async function consumeVerification(sessionId: string): Promise<Verification | null> {
  const url = new URL(process.env.OTP_GRAPHQL_URL ?? '');
  const body = JSON.stringify({ query: CONSUME_MUTATION, variables: { sessionId } });
  const signer = new SignatureV4({
    service: 'appsync',
    region: process.env.AWS_REGION ?? 'us-east-1',
    sha256: Sha256,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
    },
  });
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    }),
  );
  const response = await fetch(url, { method: 'POST', headers: request.headers, body });
  const answer = (await response.json()) as { data?: { consumeVerification: Verification | null }; errors?: { errorType?: string }[] };
  const errorType = answer.errors?.[0]?.errorType;
  if (errorType === 'AlreadyConsumed') throw new Error('This session has already been used.');
  if (errorType === 'NotVerified' || errorType === 'VerificationExpired') throw new Error('This session has not verified an email.');
  if (!response.ok || answer.errors) throw new Error(`The OtpService API refused the session: ${errorType ?? response.status}`);
  return answer.data?.consumeVerification ?? null;
}

export async function handler(event: SignUpEvent) {
  const { sessionId, name } = event.arguments;
  const verification = await consumeVerification(sessionId);
  if (!verification) throw new Error('This session has not verified an email.');
  const member = { email: verification.email, name: name.trim(), joinedAt: new Date().toISOString() };
  if (!member.name) throw new Error('A name is required.');
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: process.env.MEMBERS_TABLE,
        Item: { email: { S: member.email }, name: { S: member.name }, joinedAt: { S: member.joinedAt }, sessionId: { S: sessionId } },
        ConditionExpression: 'attribute_not_exists(email)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new Error(`${member.email} is already a member.`);
    throw error;
  }
  return member;
}
