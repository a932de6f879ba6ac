import { describe, expect, it } from 'vitest';
import { referencedIds, references } from './references.ts';

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

describe('references', () => {
  it('keeps the attribute of Fn::GetAtt (both forms) and of ${Id.Attribute} in Fn::Sub, in the order written', () => {
    const value = {
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': ['Domain', 'DomainEndpoint'] }, { 'Fn::GetAtt': 'Collection.CollectionEndpoint' }, { 'Fn::Sub': '${Bus.Arn}/${Api}/${AWS::Region}' }, { Ref: 'Queue' }],
      ],
    };
    expect(references(value)).toEqual([
      { logicalId: 'Domain', attribute: 'DomainEndpoint' },
      { logicalId: 'Collection', attribute: 'CollectionEndpoint' },
      { logicalId: 'Bus', attribute: 'Arn' },
      { logicalId: 'Api' },
      { logicalId: 'Queue' },
    ]);
  });
});
