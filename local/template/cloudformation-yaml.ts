/**
 * CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub '…'`, `!Join [',', […]]`, …) as the `yaml`
 * package's custom tags: each turns into the long JSON form (`{ Ref: X }`, `{ 'Fn::GetAtt': [A, B] }`, …) that the
 * template reader evaluates.
 */
import type { Tags } from 'yaml';

type TagDefinition = Tags[number];

/** Short tag name → the intrinsic's long name. `Ref` and `Condition` keep their names; the rest are `Fn::<Name>`. */
const INTRINSICS = [
  'Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split',
  'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
] as const;

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** `!GetAtt Resource.Attribute` (scalar form) → `['Resource', 'Attribute']`; the first dot splits. */
function scalarValue(name: string, value: string): unknown {
  if (name !== 'GetAtt') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)];
}

/** One tag per intrinsic and node kind (scalar, sequence, mapping), as the `yaml` package wants them. */
export const CLOUDFORMATION_TAGS: TagDefinition[] = INTRINSICS.flatMap((name): TagDefinition[] => {
  const tag = `!${name}`;
  const key = longName(name);
  return [
    { tag, resolve: (value: string) => ({ [key]: scalarValue(name, value) }) },
    { tag, collection: 'seq', resolve: (value) => ({ [key]: (value as { toJSON(): unknown }).toJSON() }) },
    { tag, collection: 'map', resolve: (value) => ({ [key]: (value as { toJSON(): unknown }).toJSON() }) },
  ];
});
