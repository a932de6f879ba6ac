/**
 * Settles a stack (LocalStack.settled, or the shared test stack's sharedStackSettled) and then lets this process read
 * what the stack's processes had already written to it by then: a function's log lines, which come over its stdout
 * (nothing orders them with the invocation's end), or subscription data the engine wrote to a WebSocket while it ran
 * a mutation. Those bytes are in a pipe or on loopback when the barrier resolves; the pause is for reading them, not
 * for anything still to happen.
 */
export async function settledAndRead(settled: () => Promise<void>): Promise<void> {
  await settled();
  await new Promise((resolve) => setTimeout(resolve, 100));
}
