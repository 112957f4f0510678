// Jest setup (setupFilesAfterEnv): a test file that loaded nock hands node's http module back
// unpatched when it ends. nock patches the process-wide http module on import and never undoes
// it by itself; the next file's requests then ran through the ended file's interceptor, whose
// state Jest had already cleared (the "'emitter' ... soft deleted" deprecation warning).
import http from "node:http";
import { afterAll } from "@jest/globals";

const pristineClientRequest = http.ClientRequest;

afterAll(async () => {
  // Untouched: this file never loaded nock, and importing it here would patch http after all.
  if (http.ClientRequest === pristineClientRequest) return;
  const { default: nock } = await import("nock");
  nock.restore();
});
