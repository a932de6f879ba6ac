/**
 * The triggers' configuration: the service's policy from the same environment variables, read by the same readers
 * as the API's resolvers (resolvers/lib), and the allowed flow. Read once per container.
 */
import { POLICY_DEFAULTS, SIGN_IN_FLOWS, SIGN_IN_FLOW_VARIABLE, type SignInFlow } from '../../../infra/model/index.ts';
import { readOtpConfig, readPositiveInt, type OtpConfig } from '../../../resolvers/lib/config.ts';
import { readFailureBudget, type FailureBudget } from '../../../resolvers/lib/mailbox-guard.ts';
import { readSendBudgets, type SendBudgets } from '../../../resolvers/lib/send-budgets.ts';
import { readSendLimits, type SendLimits } from '../../../resolvers/lib/send-limits.ts';

export interface SignInConfig {
  otp: OtpConfig;
  codeLength: number;
  sendLimits: SendLimits;
  sendBudgets: SendBudgets;
  failureBudget: FailureBudget;
  flow: SignInFlow;
}

/** @throws Error naming the variable when the table or the flow is missing or unknown: the triggers fail closed. */
export function readSignInConfig(env: Readonly<Record<string, string | undefined>>): SignInConfig {
  const otp = readOtpConfig(env);
  if (!otp.tableName) throw new Error('TABLE_NAME is not set');
  const flow = env[SIGN_IN_FLOW_VARIABLE];
  if (!(SIGN_IN_FLOWS as readonly (string | undefined)[]).includes(flow)) {
    throw new Error(`${SIGN_IN_FLOW_VARIABLE} must be one of ${SIGN_IN_FLOWS.join(', ')}`);
  }
  return {
    otp,
    codeLength: readPositiveInt(env, 'OTP_CODE_LENGTH', POLICY_DEFAULTS.codeLength),
    sendLimits: readSendLimits(env),
    sendBudgets: readSendBudgets(env),
    failureBudget: readFailureBudget(env),
    flow: flow as SignInFlow,
  };
}
