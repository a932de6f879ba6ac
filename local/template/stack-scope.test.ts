import { describe, expect, it } from 'vitest';
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
