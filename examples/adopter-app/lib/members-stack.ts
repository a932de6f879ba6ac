/**
 * An app of its own — a members API with its own table and resolvers — and, beside it, OtpService from the
 * `otp-appsync-cdk` package: members sign up with an email code. The sign-up function uses the OTP session up through
 * the OtpService API's IAM-only `consumeVerification` (granted with `grantConsumeVerification`), never its table.
 */
import { join } from 'node:path';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { OtpService } from 'otp-appsync-cdk';

const APP_DIR = join(import.meta.dirname, '..');

export interface MembersStackProps extends StackProps {
  /** Where the codes come from (a verified SES identity on AWS). */
  senderEmail: string;
}

export class MembersStack extends Stack {
  readonly otp: OtpService;
  readonly api: appsync.GraphqlApi;
  readonly members: dynamodb.Table;

  constructor(scope: Construct, id: string, props: MembersStackProps) {
    super(scope, id, props);
    this.otp = new OtpService(this, 'Otp', { senderEmail: props.senderEmail, apiName: 'members-otp-api' });

    this.members = new dynamodb.Table(this, 'Members', {
      partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    this.api = new appsync.GraphqlApi(this, 'MembersApi', {
      name: 'members-api',
      definition: appsync.Definition.fromFile(join(APP_DIR, 'members.graphql')),
      authorizationConfig: {
        defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
    });

    // A DynamoDB resolver of the app's own.
    this.api.addDynamoDbDataSource('MembersTable', this.members).createResolver('QueryMember', {
      typeName: 'Query',
      fieldName: 'member',
      runtime: appsync.FunctionRuntime.JS_1_0_0,
      code: appsync.Code.fromAsset(join(APP_DIR, 'resolvers', 'Query.member.js')),
    });

    // A Lambda resolver: checks the OTP session with the OtpService API, then writes the member.
    const signUp = new NodejsFunction(this, 'SignUpFunction', {
      entry: join(APP_DIR, 'functions', 'sign-up', 'index.ts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        // The SDK's CommonJS dependencies call require(), which an ES module has only when it makes one.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      environment: { OTP_GRAPHQL_URL: this.otp.api.graphqlUrl, MEMBERS_TABLE: this.members.tableName },
    });
    this.otp.grantConsumeVerification(signUp);
    this.members.grantWriteData(signUp);
    this.api.addLambdaDataSource('SignUp', signUp).createResolver('MutationSignUp', { typeName: 'Mutation', fieldName: 'signUp' });
  }
}
