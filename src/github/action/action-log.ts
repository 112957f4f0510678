// The Action's log: one line per event on stderr, warnings and errors as workflow commands so the
// run's page shows them. Errors are reduced to name, status and message (never a request's headers).
export interface ActionLogger {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

function plain(meta: object): string {
  const fields = Object.entries(meta).map(([key, value]) => {
    if (value instanceof Error) {
      const status = (value as { status?: unknown }).status;
      return [key, `${value.name}${typeof status === "number" ? ` ${status}` : ""}: ${value.message.split("\n")[0]}`];
    }
    return [key, value];
  });
  return fields.length > 0 ? ` ${JSON.stringify(Object.fromEntries(fields))}` : "";
}

/** Workflow commands end at a newline; `%`, CR and LF are escaped as the runner expects. */
export function commandText(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function actionLogger(out: { write(text: string): unknown }): ActionLogger {
  return {
    info: (meta, message) => void out.write(`${message}${plain(meta)}\n`),
    warn: (meta, message) => void out.write(`::warning::${commandText(message + plain(meta))}\n`),
    error: (meta, message) => void out.write(`::error::${commandText(message + plain(meta))}\n`),
  };
}
