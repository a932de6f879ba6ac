/**
 * graphql-js scalar types for AppSync's built-in scalars, wired to the pure rules in aws-scalar-rules.ts.
 * Parse failures use AppSync's wording ("Unable to parse `x` as a valid …"), as seen in AppSync responses such as
 * "Variable 'phone' has an invalid value. Unable to parse `1110004444` as a valid phone number.".
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import {
  isAwsDate,
  isAwsDateTime,
  isAwsEmail,
  isAwsIpAddress,
  isAwsJson,
  isAwsPhone,
  isAwsTime,
  isAwsTimestamp,
  isAwsUrl,
} from './aws-scalar-rules.ts';

function unableToParse(value: unknown, what: string): GraphQLError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new GraphQLError(`Unable to parse \`${shown}\` as a valid ${what}.`);
}

function unableToSerialize(value: unknown, what: string): GraphQLError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new GraphQLError(`Unable to serialize \`${shown}\` as a valid ${what}.`);
}

/** A string scalar checked by `isValid` on input and output. */
function stringScalar(name: string, what: string, isValid: (value: string) => boolean): GraphQLScalarType {
  const check = (value: unknown, fail: (value: unknown) => GraphQLError): string => {
    if (typeof value !== 'string' || !isValid(value)) throw fail(value);
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => check(value, (v) => unableToSerialize(v, what)),
    parseValue: (value) => check(value, (v) => unableToParse(v, what)),
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw unableToParse(literalText(node), what);
      return check(node.value, (v) => unableToParse(v, what));
    },
  });
}

function literalText(node: ValueNode): unknown {
  return 'value' in node ? node.value : node.kind;
}

const awsTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  serialize: (value) => {
    if (!isAwsTimestamp(value)) throw unableToSerialize(value, 'timestamp');
    return value;
  },
  parseValue: (value) => {
    if (!isAwsTimestamp(value)) throw unableToParse(value, 'timestamp');
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.INT) throw unableToParse(literalText(node), 'timestamp');
    return Number(node.value);
  },
});

/** AWSJSON reaches resolvers parsed (docs: "parsed … before it is passed to the resolver"); output is a JSON string. */
const awsJson = new GraphQLScalarType({
  name: 'AWSJSON',
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isAwsJson(value)) throw unableToParse(value, 'JSON');
    return JSON.parse(value) as unknown;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING || !isAwsJson(node.value)) throw unableToParse(literalText(node), 'JSON');
    return JSON.parse(node.value) as unknown;
  },
});

/** Every AppSync scalar by name. */
export const awsScalars: Record<string, GraphQLScalarType> = {
  AWSDate: stringScalar('AWSDate', 'date', isAwsDate),
  AWSTime: stringScalar('AWSTime', 'time', isAwsTime),
  AWSDateTime: stringScalar('AWSDateTime', 'DateTime Object', isAwsDateTime),
  AWSTimestamp: awsTimestamp,
  AWSEmail: stringScalar('AWSEmail', 'email address', isAwsEmail),
  AWSJSON: awsJson,
  AWSURL: stringScalar('AWSURL', 'URL', isAwsUrl),
  AWSPhone: stringScalar('AWSPhone', 'phone number', isAwsPhone),
  AWSIPAddress: stringScalar('AWSIPAddress', 'IP address', isAwsIpAddress),
};
