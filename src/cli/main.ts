#!/usr/bin/env node
// The `archreview` executable: process wiring only.
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
