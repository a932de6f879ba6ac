"""The "container" of one local Python Lambda function, started by python-host.ts with the function's environment only.

Run by the machine's python3 (whatever its version). Mirrors function-host.mjs, the Node.js host: the protocol is
host-protocol.ts as JSON lines, fd 3 parent -> host ("invoke"), fd 4 host -> parent ("ready", "init-error",
"result", "error"). Handler loading, error types and the context object follow the Lambda Python runtime
(awslambdaric). argv: <codeDir> <handler e.g. index.handler>

An invocation's "clockOffsetMs" (the stack's test clock) is ignored: Python functions keep the machine's time, since
time.time() and datetime.now() cannot be moved cleanly (datetime is an immutable C type; modules keep their own
references to time.time), and moving only some of them would make a function see two different "nows".
"""

import decimal
import importlib
import json
import os
import sys
import time
import traceback


class HandlerError(Exception):
    """A failure to load the handler, with the errorType Lambda's Python runtime reports for it."""

    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def load_handler(code_dir, setting):
    try:
        module_name, function_name = setting.rsplit(".", 1)
    except ValueError as error:
        raise HandlerError("Runtime.MalformedHandlerName", f"Bad handler '{setting}': {error}") from None
    # The code folder first, as LAMBDA_TASK_ROOT is on Lambda; this script's own folder is not importable.
    sys.path[0] = code_dir
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise HandlerError("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}") from None
    except SyntaxError as error:
        raise HandlerError("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {error}") from None
    except Exception as error:  # module-level code failed: Lambda reports the exception itself
        raise HandlerError(type(error).__name__, str(error)) from None
    handler = getattr(module, function_name, None)
    if not callable(handler):
        raise HandlerError("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    return handler


class LambdaContext:
    """The context object of the Lambda Python runtime (the attributes handlers use)."""

    def __init__(self, message):
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = message["invokedFunctionArn"]
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = message["requestId"]
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = message["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def to_json(value):
    """The handler's result as JSON; Decimal (what boto3 reads from DynamoDB) as a number, as the runtime does."""

    def default(item):
        if isinstance(item, decimal.Decimal):
            return int(item) if item == item.to_integral_value() else float(item)
        raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")

    return json.dumps(value, default=default)


def main():
    code_dir, setting = sys.argv[1], sys.argv[2]
    inbox = os.fdopen(3, "r", encoding="utf-8")
    outbox = os.fdopen(4, "w", encoding="utf-8")
    # The protocol pipes are not the function's: subprocesses it starts must not inherit them.
    os.set_inheritable(3, False)
    os.set_inheritable(4, False)
    # Each printed line reaches the log as it is written, not when a buffer fills.
    sys.stdout.reconfigure(encoding="utf-8", line_buffering=True)
    sys.stderr.reconfigure(encoding="utf-8", line_buffering=True)

    def send(message, raw_result=None):
        text = json.dumps(message)
        if raw_result is not None:
            text = text[:-1] + ', "result": ' + raw_result + "}"
        outbox.write(text + "\n")
        outbox.flush()

    started = time.perf_counter()
    try:
        handler = load_handler(code_dir, setting)
    except HandlerError as error:
        print(f"[ERROR] {error.error_type}: {error}", file=sys.stderr)
        send({"type": "init-error", "errorType": error.error_type, "errorMessage": str(error)})
        handler = None
    else:
        send({"type": "ready", "initDurationMs": (time.perf_counter() - started) * 1000})

    # One invocation at a time; the runner kills the process on timeout. After an init error the host only waits
    # for the runner to end it (like function-host.mjs), so the init-error message is read before any exit.
    for line in inbox:
        message = json.loads(line)
        if message.get("type") != "invoke" or handler is None:
            continue
        request_id = message["requestId"]
        try:
            result = handler(message["event"], LambdaContext(message))
        except Exception as error:
            print(f"[ERROR] {type(error).__name__}: {error}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            send({"type": "error", "requestId": request_id, "errorType": type(error).__name__, "errorMessage": str(error)})
            continue
        try:
            raw = to_json(result)
        except (TypeError, ValueError) as error:
            send({"type": "error", "requestId": request_id, "errorType": "Runtime.MarshalError",
                  "errorMessage": f"Unable to marshal response: {error}"})
            continue
        send({"type": "result", "requestId": request_id}, raw_result=raw)
    # The parent closed the pipe: the runner is gone, end with it (a reclaimed sandbox).


if __name__ == "__main__":
    main()
