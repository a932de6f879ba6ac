/**
 * AWS::SES::ConfigurationSet and AWS::SES::ConfigurationSetEventDestination → {@link SesConfigurationSetConfig}: the
 * configuration sets sends may name in the local SES, with the destinations their events go to. An event destination
 * of a set the template does not create is left out (nothing local sends through it).
 */
import type { SesConfigurationSetConfig, SesEventDestinationConfig } from '../stack-description.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

export function toSesConfigurationSetConfigs(scope: StackScope): SesConfigurationSetConfig[] {
  const destinations = scope.resources
    .filter((resource) => resource.Type === 'AWS::SES::ConfigurationSetEventDestination')
    .map((resource) => ({
      setName: evaluateString(resource.Properties?.ConfigurationSetName, scope, `${resource.logicalId}.ConfigurationSetName`),
      destination: eventDestination(resource, scope),
    }));
  return scope.resources
    .filter((resource) => resource.Type === 'AWS::SES::ConfigurationSet')
    .map((resource) => {
      const name = evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId);
      return {
        logicalId: resource.logicalId,
        name,
        eventDestinations: destinations.filter((entry) => entry.setName === name).map((entry) => entry.destination),
      };
    });
}

function eventDestination(resource: NamedResource, scope: StackScope): SesEventDestinationConfig {
  const at = (name: string) => `${resource.logicalId}.EventDestination.${name}`;
  const properties = (evaluate(resource.Properties?.EventDestination, scope) ?? {}) as Record<string, unknown>;
  const types = properties.MatchingEventTypes;
  if (!Array.isArray(types) || types.some((type) => typeof type !== 'string')) {
    throw new Error(`${at('MatchingEventTypes')}: expected a list of event types, got ${JSON.stringify(types)}`);
  }
  const enabled = properties.Enabled;
  return {
    logicalId: resource.logicalId,
    name: properties.Name === undefined ? resource.logicalId : evaluateString(properties.Name, scope, at('Name')),
    // The SES API's default is false; CDK always writes the property (its own default: true).
    enabled: enabled === true || enabled === 'true',
    matchingEventTypes: types as string[],
    destination: destinationOf(properties, at),
  };
}

function destinationOf(properties: Record<string, unknown>, at: (name: string) => string): SesEventDestinationConfig['destination'] {
  const sns = properties.SnsDestination as { TopicARN?: unknown } | undefined;
  if (sns) {
    if (typeof sns.TopicARN !== 'string') throw new Error(`${at('SnsDestination.TopicARN')}: expected a topic ARN`);
    return { type: 'sns', topicArn: sns.TopicARN };
  }
  if (properties.CloudWatchDestination) return { type: 'cloudwatch' };
  if (properties.KinesisFirehoseDestination) return { type: 'firehose' };
  if (properties.EventBridgeDestination) return { type: 'eventbridge' };
  return { type: 'none' };
}
