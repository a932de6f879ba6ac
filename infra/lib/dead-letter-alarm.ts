import { Duration } from 'aws-cdk-lib/core';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * An alarm that fires as soon as a dead-letter queue holds a message (`ApproximateNumberOfMessagesVisible` ≥ 1):
 * every message is a stream batch a function gave up on, i.e. users who got no email or no verification event.
 * Notifies `topic` when given.
 */
export function createDeadLetterAlarm(
  scope: Construct,
  id: string,
  queue: IQueue,
  description: string,
  topic?: ITopic,
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    // An empty queue may publish no data points at all; that is the healthy state.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  if (topic) alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
