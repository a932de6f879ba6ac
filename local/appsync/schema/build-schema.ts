/**
 * Builds the executable graphql-js schema for an API: the deployed SDL plus AppSync's built-in scalars and
 * directives (local/appsync/builtins.graphql), with the AWS scalars replaced by validating implementations.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { awsScalars } from './aws-scalars.ts';

const builtinsSdl = readFileSync(new URL('../builtins.graphql', import.meta.url), 'utf8');

/** Parses `sdl` together with AppSync's built-ins; throws a GraphQLError naming the problem on a bad schema. */
export function buildApiSchema(sdl: string): GraphQLSchema {
  const schema = buildSchema(`${builtinsSdl}\n${sdl}`);
  for (const [name, implementation] of Object.entries(awsScalars)) {
    const type = schema.getType(name);
    // buildSchema creates pass-through scalars; graft AppSync's parsing and serialisation onto them.
    if (type instanceof GraphQLScalarType) {
      type.serialize = implementation.serialize;
      type.parseValue = implementation.parseValue;
      type.parseLiteral = implementation.parseLiteral;
    }
  }
  return schema;
}
