/** A part of the start by name, parts that ran one after the other, or parts that ran side by side. */
export type StartupStep = string | { readonly after: readonly StartupStep[] } | { readonly beside: readonly StartupStep[] };

/**
 * How startLocalStack's parts run (local/stack.ts, LocalStack.startup): the JVM and then the tables, beside the loading
 * of the rest, then the services, synth, read and the issuers and KMS; once all those are done, the engines beside the
 * functions; then the sidecars.
 */
export const STARTUP_LAYOUT: StartupStep = {
  after: [
    {
      beside: [
        { after: ['dynamodb', 'tables'] },
        { after: ['modules', { beside: ['ses', 'sms', { after: ['synth', 'read', 'issuers and KMS'] }] }] },
      ],
    },
    { beside: ['engines', 'functions'] },
    'sidecars',
  ],
};

/**
 * `dynamodb 0.6 s → tables 0.3 s ∥ modules 0.3 s → (ses 0.0 s ∥ sms 0.0 s ∥ synth 0.0 s → read 0.0 s → issuers and
 * KMS 0.3 s); then engines 0.3 s ∥ functions 0.1 s; then sidecars 0.0 s`: `∥` side by side, `→` one after the other,
 * `; then` once everything before is done. Parts the layout does not know come last, one after the other.
 */
export function describeStartup(startup: Record<string, number>, layout: StartupStep = STARTUP_LAYOUT): string {
  const seconds = (name: string) => `${name} ${((startup[name] ?? 0) / 1000).toFixed(1)} s`;
  const known = new Set<string>();
  const render = (step: StartupStep, depth: number): string => {
    if (typeof step === 'string') {
      known.add(step);
      return Object.hasOwn(startup, step) ? seconds(step) : '';
    }
    if ('after' in step) return step.after.map((inner) => render(inner, depth + 1)).filter(Boolean).join(depth === 0 ? '; then ' : ' → ');
    const parts = step.beside.map((inner) => render(inner, depth + 1)).filter(Boolean);
    // Side by side inside a chain: in parentheses, so that `→` reads as it binds.
    return depth > 1 && parts.length > 1 ? `(${parts.join(' ∥ ')})` : parts.join(' ∥ ');
  };
  const described = render(layout, 0);
  const rest = Object.keys(startup).filter((name) => !known.has(name)).map(seconds);
  return [described, ...rest].filter(Boolean).join('; then ');
}
