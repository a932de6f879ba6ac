/**
 * The direct floor's half of verifyOtp's last step (resolvers/Mutation.verifyOtp/9-signToken): for a VERIFIED answer,
 * the verification token's claims and signing input made with the resolver's own helpers, signed by KMS Sign
 * (ECDSA_SHA_256, RAW) under the API's token key, and assembled into the compact JWS. Without it the floor skipped a
 * KMS round trip the engine makes for every right code, and the right-code ratio compared unequal work.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { KMS_SIGNING_ALGORITHM } from '../infra/model/index.ts';
import { derToJose } from '../resolvers/lib/ecdsa-signature.ts';
import { compactJws, jwsSigningInput, signingInputMessage } from '../resolvers/lib/jws.ts';
import { tokenClaims, tokenHeader } from '../resolvers/lib/token-claims.ts';
import { readTokenConfig } from '../resolvers/lib/token-config.ts';
import { issuerOf } from '../resolvers/lib/token-issuer.ts';

/** Signs the token of a session the floor just verified (its item as the attempt count returned it); the JWS. */
export type TokenFloor = (input: { sessionId: string; session: Record<string, AttributeValue>; nowSeconds: number }) => Promise<string>;

/**
 * The token signer for an API with `env` served at `graphqlUrl` (the issuer is read from its host, as the resolver reads
 * the request's Host header).
 * @throws when the API has no token key, issuer or default audience: the resolver would not sign either
 */
export function tokenFloor(kms: KMSClient, env: Readonly<Record<string, string | undefined>>, graphqlUrl: string): TokenFloor {
  const config = readTokenConfig(env);
  const issuer = issuerOf(new URL(graphqlUrl).host);
  if (!config.keyId || !issuer) throw new Error('the API signs no verification tokens (no token key or issuer): nothing for the floor to sign');
  return async ({ sessionId, session, nowSeconds }) => {
    const email = session.email?.S;
    const phoneNumber = session.phoneNumber?.S;
    const audience = session.audience?.S ?? config.defaultAudience;
    if (!(email || phoneNumber) || !audience) throw new Error(`session ${sessionId} has no destination or audience to sign`);
    const claims = tokenClaims({
      issuer,
      destination: email ? { email } : { phoneNumber: phoneNumber ?? '' },
      ...(session.userSub?.S ? { userSub: session.userSub.S } : {}),
      sessionId,
      audience,
      nowSeconds,
      lifetimeSeconds: config.lifetimeSeconds,
      tokenId: randomUUID(),
    });
    const signingInput = jwsSigningInput(tokenHeader(config.keyId), claims);
    const { Signature } = await kms.send(
      new SignCommand({ KeyId: config.keyId, Message: Buffer.from(signingInputMessage(signingInput), 'base64'), MessageType: 'RAW', SigningAlgorithm: KMS_SIGNING_ALGORITHM }),
    );
    const jose = Signature ? derToJose([...Signature]) : null;
    if (!jose) throw new Error('KMS Sign answered without a well-formed signature');
    return compactJws(signingInput, jose);
  };
}
