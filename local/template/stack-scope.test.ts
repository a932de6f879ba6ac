import { describe, expect, it } from 'vitest';
import { assumedRolePrincipal } from '../iam-principals.ts';
import { evaluate } from './intrinsics.ts';
import { realtimeUrlOf } from './local-values.ts';
import { createStackScope } from './stack-scope.ts';
import type { CfnTemplate } from './template-types.ts';

const template: CfnTemplate = { Resources: { Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'otp' } } } };
const base = { region: 'eu-west-1', accountId: '000000000000' };

describe('GraphQLApi URLs in a local run', () => {
  it('use the local endpoint when one is given: GraphQLUrl as is, RealtimeUrl as its ws /realtime form', () => {
    const asked: string[] = [];
    const scope = createStackScope(template, 'S', {
      ...base,
      graphqlUrl: (logicalId) => {
        asked.push(logicalId);
        return 'http://127.0.0.1:20002/graphql';
      },
    });
    expect(evaluate({ 'Fn::GetAtt': ['Api', 'GraphQLUrl'] }, scope)).toBe('http://127.0.0.1:20002/graphql');
    expect(evaluate({ 'Fn::GetAtt': ['Api', 'RealtimeUrl'] }, scope)).toBe('ws://127.0.0.1:20002/graphql/realtime');
    expect(asked).toEqual(['Api', 'Api']);
  });

  it('fall back to AWS-shaped placeholders without one', () => {
    const scope = createStackScope(template, 'S', base);
    expect(evaluate({ 'Fn::GetAtt': ['Api', 'GraphQLUrl'] }, scope)).toBe('https://api.appsync-api.eu-west-1.amazonaws.com/graphql');
    expect(evaluate({ 'Fn::GetAtt': ['Api', 'RealtimeUrl'] }, scope)).toBe('wss://api.appsync-realtime-api.eu-west-1.amazonaws.com/graphql');
  });

  it('derive wss from https', () => {
    expect(realtimeUrlOf('https://otp.example.com/graphql')).toBe('wss://otp.example.com/graphql/realtime');
  });
});

describe('IAM roles in a local run', () => {
  const roles: CfnTemplate = {
    Resources: {
      PublisherRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      NamedRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Join': ['-', ['named', { Ref: 'AWS::Region' }]] } } },
      PathRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'worker', Path: '/service/' } },
      [`Long${'X'.repeat(70)}`]: { Type: 'AWS::IAM::Role', Properties: {} },
    },
  };

  it('name a role without RoleName like CloudFormation, <StackName>-<LogicalId>, for Ref and Arn alike', () => {
    const scope = createStackScope(roles, 'OtpService', base);
    expect(evaluate({ Ref: 'PublisherRole' }, scope)).toBe('OtpService-PublisherRole');
    expect(evaluate({ 'Fn::GetAtt': ['PublisherRole', 'Arn'] }, scope)).toBe('arn:aws:iam::000000000000:role/OtpService-PublisherRole');
    expect(evaluate({ 'Fn::GetAtt': 'PublisherRole.Arn' }, scope)).toBe('arn:aws:iam::000000000000:role/OtpService-PublisherRole');
  });

  it('cut the generated name to 64 characters', () => {
    const scope = createStackScope(roles, 'OtpService', base);
    const name = evaluate({ Ref: `Long${'X'.repeat(70)}` }, scope) as string;
    expect(name).toHaveLength(64);
    expect(name).toBe(`OtpService-Long${'X'.repeat(70)}`.slice(0, 64));
  });

  it('use RoleName and Path when the template sets them', () => {
    const scope = createStackScope(roles, 'OtpService', base);
    expect(evaluate({ Ref: 'NamedRole' }, scope)).toBe('named-eu-west-1');
    expect(evaluate({ 'Fn::GetAtt': ['NamedRole', 'Arn'] }, scope)).toBe('arn:aws:iam::000000000000:role/named-eu-west-1');
    expect(evaluate({ 'Fn::GetAtt': ['PathRole', 'Arn'] }, scope)).toBe('arn:aws:iam::000000000000:role/service/worker');
  });

  it('give the same names in every scope of a run (hot reloads), and a RoleId the function principal shares', () => {
    const first = createStackScope(roles, 'OtpService', base);
    const reloaded = createStackScope(roles, 'OtpService', base);
    const arn = evaluate({ 'Fn::GetAtt': ['PublisherRole', 'Arn'] }, first) as string;
    expect(evaluate({ 'Fn::GetAtt': ['PublisherRole', 'Arn'] }, reloaded)).toBe(arn);
    const roleId = evaluate({ 'Fn::GetAtt': ['PublisherRole', 'RoleId'] }, first);
    expect(roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(evaluate({ 'Fn::GetAtt': ['PublisherRole', 'RoleId'] }, reloaded)).toBe(roleId);
    expect(assumedRolePrincipal(arn, 'publisher').username).toBe(`${String(roleId)}:publisher`);
  });

  it('identify a role from its Arn', () => {
    const scope = createStackScope(roles, 'OtpService', base);
    expect(scope.identify({ 'Fn::GetAtt': ['PublisherRole', 'Arn'] }, 'AWS::IAM::Role', 'test')).toBe('PublisherRole');
  });
});

describe('OpenSearch Serverless collections in a local run (not run locally; AWS-shaped values)', () => {
  const collections: CfnTemplate = { Resources: { NotesCollection: { Type: 'AWS::OpenSearchServerless::Collection', Properties: { Name: 'notes', Type: 'SEARCH' } } } };

  it('give Ref and Id the same lowercase id, and an aoss ARN and endpoints built on it', () => {
    const scope = createStackScope(collections, 'S', base);
    expect(evaluate({ Ref: 'NotesCollection' }, scope)).toBe('notescollection');
    expect(evaluate({ 'Fn::GetAtt': ['NotesCollection', 'Id'] }, scope)).toBe('notescollection');
    expect(evaluate({ 'Fn::GetAtt': ['NotesCollection', 'Arn'] }, scope)).toBe('arn:aws:aoss:eu-west-1:000000000000:collection/notescollection');
    expect(evaluate({ 'Fn::GetAtt': ['NotesCollection', 'CollectionEndpoint'] }, scope)).toBe('https://notescollection.eu-west-1.aoss.amazonaws.com');
    expect(evaluate({ 'Fn::GetAtt': 'NotesCollection.DashboardEndpoint' }, scope)).toBe('https://notescollection.eu-west-1.aoss.amazonaws.com/_dashboards');
  });

  it('still refuse an attribute a collection does not have', () => {
    const scope = createStackScope(collections, 'S', base);
    expect(() => evaluate({ 'Fn::GetAtt': ['NotesCollection', 'Endpoint'] }, scope)).toThrow(
      'Fn::GetAtt NotesCollection.Endpoint (AWS::OpenSearchServerless::Collection) is not supported locally',
    );
  });
});
