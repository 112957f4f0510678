// Probot's Octokit with retries and throttling off: every GitHub error surfaces at once and no
// write waits. The function form is needed: Probot 14's own throttle options win over an object.
import { ProbotOctokit } from "probot";

export const PlainOctokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
