import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition, IntrinsicError, resolveDynamicReferences } from './intrinsics.ts';
import type { IntrinsicScope } from './intrinsics.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:Key-local';

function scope(overrides: Partial<IntrinsicScope> = {}): IntrinsicScope {
  return {
    pseudo: { region: 'eu-west-1', accountId: '000000000000', stackName: 'Demo' },
    ref: (id) => (id === 'Secret' ? SECRET_ARN : `ref:${id}`),
    getAtt: (id, attribute) => `${id}/${attribute}`,
    conditions: {
      IsIreland: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      IsOhio: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-2'] },
      Either: { 'Fn::Or': [{ Condition: 'IsIreland' }, { Condition: 'IsOhio' }] },
    },
    mappings: { Sizes: { small: { memory: 128 } } },
    secretValue: (id, key) => (id === SECRET_ARN ? (key === '' ? 's3cr3t' : `field:${key}`) : 'wrong'),
    ...overrides,
  };
}

describe('evaluate', () => {
  it('resolves pseudo parameters and delegates resource Refs', () => {
    expect(evaluate({ Ref: 'AWS::Region' }, scope())).toBe('eu-west-1');
    expect(evaluate({ Ref: 'AWS::AccountId' }, scope())).toBe('000000000000');
    expect(evaluate({ Ref: 'AWS::Partition' }, scope())).toBe('aws');
    expect(evaluate({ Ref: 'AWS::URLSuffix' }, scope())).toBe('amazonaws.com');
    expect(evaluate({ Ref: 'AWS::StackName' }, scope())).toBe('Demo');
    expect(evaluate({ Ref: 'Table' }, scope())).toBe('ref:Table');
  });

  it('resolves Fn::GetAtt in list and dotted form', () => {
    expect(evaluate({ 'Fn::GetAtt': ['Table', 'StreamArn'] }, scope())).toBe('Table/StreamArn');
    expect(evaluate({ 'Fn::GetAtt': 'Api.GraphQLUrl' }, scope())).toBe('Api/GraphQLUrl');
  });

  it('joins, splits and selects', () => {
    expect(evaluate({ 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }, 3]] }, scope())).toBe('a:eu-west-1:3');
    expect(evaluate({ 'Fn::Split': ['@', 'me@example.com'] }, scope())).toEqual(['me', 'example.com']);
    expect(evaluate({ 'Fn::Select': ['1', { 'Fn::Split': ['@', 'me@example.com'] }] }, scope())).toBe('example.com');
    expect(() => evaluate({ 'Fn::Select': [5, ['a']] }, scope())).toThrow(IntrinsicError);
  });

  it('substitutes pseudo parameters, Refs, attributes, variables and keeps ${!escapes}', () => {
    const sub = {
      'Fn::Sub': [
        's3://b-${AWS::AccountId}-${AWS::Region}/${Key}.js ${Table} ${Table.Arn} ${!Literal}',
        { Key: { 'Fn::Join': ['', ['ab', 'cd']] } },
      ],
    };
    expect(evaluate(sub, scope())).toBe('s3://b-000000000000-eu-west-1/abcd.js ref:Table Table/Arn ${Literal}');
    expect(evaluate({ 'Fn::Sub': 'x-${AWS::Region}' }, scope())).toBe('x-eu-west-1');
  });

  it('evaluates conditions and Fn::If, dropping AWS::NoValue', () => {
    expect(evaluateCondition({ Condition: 'IsIreland' }, scope())).toBe(true);
    expect(evaluateCondition({ 'Fn::Not': [{ Condition: 'IsIreland' }] }, scope())).toBe(false);
    expect(evaluateCondition({ Condition: 'Either' }, scope())).toBe(true);
    expect(evaluateCondition({ 'Fn::And': [{ Condition: 'IsIreland' }, { Condition: 'IsOhio' }] }, scope())).toBe(false);
    const value = {
      A: { 'Fn::If': ['IsOhio', 'ohio', { Ref: 'AWS::NoValue' }] },
      B: { 'Fn::If': ['IsIreland', 'ireland', 'other'] },
      List: ['x', { 'Fn::If': ['IsOhio', 'y', { Ref: 'AWS::NoValue' }] }],
    };
    expect(evaluate(value, scope())).toEqual({ B: 'ireland', List: ['x'] });
    expect(() => evaluate({ 'Fn::If': ['Missing', 1, 2] }, scope())).toThrow(/Missing/);
  });

  it('evaluates Fn::Base64 and Fn::FindInMap', () => {
    expect(evaluate({ 'Fn::Base64': 'hi' }, scope())).toBe('aGk=');
    expect(evaluate({ 'Fn::FindInMap': ['Sizes', 'small', 'memory'] }, scope())).toBe(128);
  });

  it('resolves secretsmanager dynamic references built by Fn::Join (ARN ids contain colons)', () => {
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:::}}']] };
    expect(evaluate(reference, scope())).toBe('s3cr3t');
    expect(evaluate({ 'Fn::Sub': 'k={{resolve:secretsmanager:${Secret}:SecretString:password::}}' }, scope())).toBe(
      'k=field:password',
    );
  });

  it('leaves plain values alone and rejects what it cannot evaluate', () => {
    expect(evaluate({ a: [1, true, null, 'x'] }, scope())).toEqual({ a: [1, true, null, 'x'] });
    expect(() => evaluate({ 'Fn::ImportValue': 'Shared' }, scope())).toThrow(/Fn::ImportValue is not supported/);
    expect(() => resolveDynamicReferences('{{resolve:ssm:/param}}', scope())).toThrow(/only secretsmanager/);
  });
});
