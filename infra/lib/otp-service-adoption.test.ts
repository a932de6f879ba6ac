/** What an app that adds OtpService beside its own resources relies on: its own table, grants, names. */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';

describe('OtpService in an adopter app', () => {
  it('keeps its sessions in an existing table, creating none, and streams from it', () => {
    const stack = new Stack(new App(), 'Adopter');
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
    const stack = new Stack(new App(), 'Adopter');
    const table = dynamodb.Table.fromTableName(stack, 'NoStream', 'app-otp');
    expect(() => new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com', existingTable: table })).toThrow(/existingTable must have a stream/);
  });

  it('grants the verification lookup and the event subscription, each on its one field', () => {
    const stack = new Stack(new App(), 'Adopter');
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
});
