#!/usr/bin/env node
// `npm run demo`: builds a small layered sample repository as a temp git repo, commits a change
// that breaks its layering, and prints archreview's review of that change. Nothing to install.
import { runCli } from "./run.js";
import { DEMO_SAMPLE_DIR, SampleRepository } from "./sample-repo.js";

const USER_WITH_INFRASTRUCTURE = `import { newId } from "@layered/shared";
import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";

export interface User {
  id: string;
  email: string;
}

export function createUser(email: string): User {
  if (!email.includes("@")) throw new Error(\`invalid email: \${email}\`);
  return { id: newId("user"), email };
}

/** A shortcut that couples the domain to storage: the kind of change archreview is for. */
export const defaultUsers = () => new MemoryUserRepository();
`;

const DISCOUNTS = `import type { Order } from "@domain/order.js";
import { newId } from "@layered/shared";

export function discount(order: Order, code: string, loyal: boolean, items: number): number {
  if (code === "WELCOME" && items > 0) return 0.1;
  if (code === "VIP" || loyal) return items > 10 ? 0.2 : 0.15;
  if (code.startsWith("B2B") && order.total > 1000) return 0.05;
  for (let i = 0; i < items; i++) {
    if (order.total > i * 100 && !loyal) return 0.01;
  }
  return order.id === newId("order") ? 0.5 : 0;
}
`;

async function main(): Promise<number> {
  const repo = await SampleRepository.create(DEMO_SAMPLE_DIR);
  try {
    const base = await repo.commit("A layered sample application");
    await repo.write("src/domain/user.ts", USER_WITH_INFRASTRUCTURE);
    await repo.write("src/infrastructure/discounts.ts", DISCOUNTS);
    const head = await repo.commit("Add discounts; let the domain build its repository");
    process.stderr.write(`Sample repository: ${repo.dir}\nReviewing its last commit: archreview review --base ${base.slice(0, 7)} --head ${head.slice(0, 7)}\n\n`);
    // --no-cache: a throw-away repository has nothing to share with later runs.
    const code = await runCli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--no-cache", ...process.argv.slice(2)], {
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: repo.dir,
      env: process.env,
    });
    // 1 only means the sample has findings, which is the point of the demo.
    return code === 2 ? 2 : 0;
  } finally {
    await repo.dispose();
  }
}

process.exitCode = await main();
