/**
 * The deploy pipeline's smoke call (.github/workflows/deploy.yml): against the API just deployed, read from
 * `cdk deploy --outputs-file`, check that
 * - an unsigned request is refused (401),
 * - an IAM-signed `verification` lookup of an unknown session answers `null` with no error: auth, the resolver and
 *   its DynamoDB read all work, and nothing is written and no email is sent.
 * Credentials: the default chain (the workflow's OIDC role). Usage: npx tsx test/deployed-smoke.ts .local/cdk-outputs.json
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { VerificationDocument } from '../infra/documents/generated/graphql.ts';
import { queryText } from './support/graphql-client.ts';
import { signIam } from './support/sigv4.ts';

const STACK = 'OtpService';

async function main(outputsPath: string): Promise<void> {
  const outputs = (JSON.parse(readFileSync(outputsPath, 'utf8')) as Record<string, Record<string, string>>)[STACK];
  const graphqlUrl = outputs?.GraphqlUrl;
  const region = outputs?.Region;
  if (!graphqlUrl || !region) throw new Error(`${outputsPath} has no ${STACK} GraphqlUrl and Region outputs`);
  const body = JSON.stringify({ query: queryText(VerificationDocument), variables: { sessionId: randomUUID() } });

  const unsigned = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (unsigned.status !== 401) throw new Error(`an unsigned request got HTTP ${unsigned.status}, expected 401`);

  const headers = await signIam(graphqlUrl, body, { iam: await defaultProvider()(), region });
  const signed = await fetch(graphqlUrl, { method: 'POST', headers, body });
  const answer = (await signed.json()) as { data?: { verification: unknown }; errors?: unknown[] };
  if (signed.status !== 200 || answer.errors || answer.data?.verification !== null) {
    throw new Error(`the signed verification lookup answered HTTP ${signed.status} ${JSON.stringify(answer)}`);
  }
  console.log(`smoke ok: ${graphqlUrl} refuses unsigned requests and answers a signed lookup`);
}

main(process.argv[2] ?? '.local/cdk-outputs.json').catch((error: unknown) => {
  console.error(`smoke failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
