import { Validations } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';
import type { OtpService } from './otp-service.ts';

/** AWSLambdaBasicExecutionRole, as cdk-nag names it in its finding ids. */
const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/**
 * Acknowledges the cdk-nag AwsSolutions findings the service accepts by design, each on the narrowest construct and
 * with its reason (cdk-nag 3 reads them from `Validations.of(construct).acknowledge`). Everything else the checks
 * report is a regression and fails synthesis.
 */
export function suppressAcceptedNagFindings(otp: OtpService): void {
  acknowledge(otp.api, 'AwsSolutions-ASC3',
    'Request-level logging is on (field level ERROR, with a log role) but excludeVerboseContent is deliberately true: ' +
      'verbose content logs request bodies and resolver evaluations, i.e. the one-time codes users submit (also in ' +
        'the messages verifyOtp sends to KMS VerifyMac).');
  for (const queue of [otp.deadLetterQueue, otp.smsDeadLetterQueue, otp.verificationEventDeadLetterQueue]) {
    acknowledge(queue, 'AwsSolutions-SQS3',
      'This queue is a dead-letter queue: the on-failure destination of a DynamoDB stream event source mapping, ' +
        'which cdk-nag does not recognize (it only knows SQS redrive policies). It is alarmed on, not consumed.');
  }
  for (const fn of [otp.emailFunction, otp.smsFunction, otp.verificationEventFunction]) {
    acknowledge(fn, `AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`,
      'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs (CreateLogGroup, CreateLogStream, ' +
        'PutLogEvents); it is the AWS-maintained minimum for a function that logs.');
    acknowledge(fn, 'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams, added by the DynamoDB event source, has no resource-level permissions and needs ' +
        '"*"; every other statement of this role names its table, stream, queue, SES identity or API field.');
    acknowledge(fn, 'AwsSolutions-L1',
      'Node.js 22 is a supported LTS Lambda runtime; the bundles target node20 so the local stack runs the same ' +
        'code, and moving to a newer runtime is a deliberate, tested upgrade rather than an automatic one.');
  }
  const feedbackFunction = otp.sesFeedback.function;
  acknowledge(feedbackFunction, `AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`,
    'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs; besides it the SES feedback function may only ' +
      'UpdateItem SUPPRESSED# items and send to its dead-letter queue.');
  acknowledge(feedbackFunction, 'AwsSolutions-L1',
    'Node.js 22 is a supported LTS Lambda runtime, the same as the service\'s other functions (see their reason).');
  const signIn = otp.signInFactor;
  if (signIn) {
    for (const fn of [signIn.defineChallengeFunction, signIn.createChallengeFunction, signIn.verifyChallengeFunction]) {
      acknowledge(fn, `AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`,
        'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs; besides it each Cognito trigger may only do ' +
          'its own item actions on the table (scoped by key prefix) and, for Verify, kms:VerifyMac on the code MAC keys.');
      acknowledge(fn, 'AwsSolutions-L1',
        'Node.js 22 is a supported LTS Lambda runtime, the same as the service\'s other functions (see their reason).');
    }
    acknowledge(signIn.userPool, 'AwsSolutions-COG2',
      "This pool's second factor is the OTP itself, as a custom-auth challenge after the password (signIn.flow 'mfa', " +
        "or the code alone with 'passwordless'); Cognito's own MFA would ask for a second, unrelated code.");
    acknowledge(signIn.userPool, 'AwsSolutions-COG8',
      'Threat protection (the Plus plan) is a per-user cost the product does not need: sign-in attempts are limited ' +
        "by the OTP service's attempt limit, send limits and mailbox failure budget; adopters may enable it on their pool.");
  }
  const jwksFunction = otp.verificationTokens.jwksFunction;
  acknowledge(jwksFunction, `AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`,
    'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs; besides it the JWKS function may only call ' +
      'kms:GetPublicKey on the published token keys.');
  acknowledge(jwksFunction, 'AwsSolutions-L1',
    'Node.js 22 is a supported LTS Lambda runtime, the same as the service\'s other functions (see their reason).');
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
