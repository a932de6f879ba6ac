/** What an app that adds OtpService beside its own resources relies on: its own table, grants, names. */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';
import { testApp } from './test-app.ts';

describe('OtpService in an adopter app', () => {
  it('keeps its sessions in an existing table, creating none, and streams from it', () => {
    const stack = new Stack(testApp(), 'Adopter');
    const table = dynamodb.Table.fromTableAttributes(stack, 'Existing', {
      tableArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/app-otp',
      tableStreamArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/app-otp/stream/2026-01-01T00:00:00.000',
    });
    const otp = new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com', existingTable: table, apiName: 'adopter-otp' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    expect(otp.table).toBe(table);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: table.tableStreamArn });
    template.hasResourceProperties('AWS::AppSync::DataSource', { DynamoDBConfig: Match.objectLike({ TableName: 'app-otp' }) });
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', { Name: 'adopter-otp' });
  });

  it('refuses an existing table without a stream', () => {
    const stack = new Stack(testApp(), 'Adopter');
    const table = dynamodb.Table.fromTableName(stack, 'NoStream', 'app-otp');
    expect(() => new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com', existingTable: table })).toThrow(/existingTable must have a stream/);
  });

  it('grants the verification lookup and the event subscription, each on its one field', () => {
    const stack = new Stack(testApp(), 'Adopter');
    const otp = new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com' });
    const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const listener = new iam.Role(stack, 'Listener', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    otp.grantVerificationLookup(backend);
    otp.grantVerificationEvents(listener);
    const template = Template.fromStack(stack);
    const field = (type: string, name: string) =>
      Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`/types/${type}/fields/${name}$`)])] });
    const roleId = (role: iam.Role) => stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId(backend) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'appsync:GraphQL', Resource: field('Query', 'verification') })] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId(listener) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'appsync:GraphQL', Resource: field('Subscription', 'onOtpVerified') })] },
    });
  });

  it('grants consumeVerification on its one field, and nothing more', () => {
    const stack = new Stack(testApp(), 'Adopter');
    const otp = new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com' });
    const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    otp.grantConsumeVerification(backend);
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(backend.node.defaultChild as iam.CfnRole);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as unknown[]);
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'appsync:GraphQL',
        Effect: 'Allow',
        Resource: expect.objectContaining({
          'Fn::Join': ['', expect.arrayContaining([expect.stringMatching(/\/types\/Mutation\/fields\/consumeVerification$/)])],
        }),
      }),
    ]);
  });

  it('passes its default audience and the allowed audiences to the resolvers, without referring to the API itself', () => {
    const stack = new Stack(testApp(), 'Adopter');
    const otp = new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com', allowedAudiences: ['https://shop.example', 'app-2'] });
    const template = Template.fromStack(stack);
    const [apiId, api] = Object.entries(template.findResources('AWS::AppSync::GraphQLApi'))[0]!;
    const variables = api.Properties.EnvironmentVariables as Record<string, unknown>;
    expect(variables).toMatchObject({ OTP_DEFAULT_AUDIENCE: otp.defaultAudience, OTP_ALLOWED_AUDIENCES: 'https://shop.example,app-2' });
    expect(otp.defaultAudience).toMatch(/^AdopterOtp[0-9A-F]{8}$/);
    // A reference to the API's own attributes would be a circular dependency CloudFormation refuses.
    expect(JSON.stringify(variables)).not.toContain(apiId);
  });

  it('leaves the allow-list out by default, and refuses audiences it could not pass on', () => {
    const stack = new Stack(testApp(), 'Adopter');
    new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com' });
    const api = Object.values(Template.fromStack(stack).findResources('AWS::AppSync::GraphQLApi'))[0]!;
    expect(api.Properties.EnvironmentVariables).not.toHaveProperty('OTP_ALLOWED_AUDIENCES');
    for (const bad of ['a,b', '', 'line\nbreak', 'x'.repeat(257)]) {
      const other = new Stack(testApp(), 'Bad');
      expect(() => new OtpService(other, 'Otp', { senderEmail: 'no-reply@example.com', allowedAudiences: [bad] })).toThrow(/allowedAudiences/);
    }
    const tooMany = Array.from({ length: 20 }, (_, index) => `https://relying-party-${index}.example`);
    expect(() => new OtpService(new Stack(testApp(), 'Long'), 'Otp', { senderEmail: 'no-reply@example.com', allowedAudiences: tooMany })).toThrow(
      /512-character/,
    );
  });
});
