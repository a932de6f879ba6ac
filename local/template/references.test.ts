import { describe, expect, it } from 'vitest';
import { referencedIds } from './references.ts';

describe('referencedIds', () => {
  it("finds Ref, both Fn::GetAtt forms and Fn::Sub references anywhere, without pseudo parameters, escapes or the Sub's own variables", () => {
    const value = {
      Environment: {
        Variables: {
          A: { Ref: 'Queue' },
          B: { 'Fn::GetAtt': ['Handler', 'Arn'] },
          C: { 'Fn::GetAtt': 'Machine.Arn' },
          D: { 'Fn::Sub': ['arn:${AWS::Partition}:lambda:${AWS::Region}:${Target.Arn}/${Name}/${!Literal}', { Name: { Ref: 'Table' } }] },
          E: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, { Ref: 'Bucket' }]] },
        },
      },
    };
    expect([...referencedIds(value)].sort()).toEqual(['Bucket', 'Handler', 'Machine', 'Queue', 'Table', 'Target']);
  });
});
