// A fake GitHub on 127.0.0.1 serving, under /api/v3 (GitHub Enterprise's layout, so Probot finds
// it through GHE_HOST + GHE_PROTOCOL), exactly the endpoints a pull request review uses, and
// recording what the app did (fake-state.mjs). Anything else answers 404 and is reported as
// unexpected: a new endpoint in the app shows up here instead of passing silently.
import { execFile } from "node:child_process";
import http from "node:http";
import { promisify } from "node:util";
import { GitHubState, checkRunJson, commentJson } from "./fake-state.mjs";

const execFileAsync = promisify(execFile);
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The installation token the fake hands out; each repository accepts only its installation's. */
const tokenOf = (installation) => `ghs_loadtest_${installation}`;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** GitHub's page/per_page slicing with a Link header, so octokit.paginate behaves as in production. */
function paged(items, url, res, wrap = (page) => page) {
  const perPage = Math.min(100, Number(url.searchParams.get("per_page")) || 30);
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers = {};
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set("page", String(page + 1));
    headers.link = `<${next.href}>; rel="next"`;
  }
  send(res, 200, wrap(slice), headers);
}

/**
 * Starts the fake. `repoDir`: the git repository whose commits the tarballs are made of.
 * `installations`: "owner/repo" -> installation id, the repositories the app is installed on.
 * `apiLatencyMs`: a delay before every API answer, to stand in for GitHub's round trip.
 * `hold(routeName, match)`: a promise to wait for before answering (tests: a review held mid-way).
 */
export async function startFakeGitHub({ repoDir, installations, apiLatencyMs = 0, hold = () => null }) {
  const state = new GitHubState();
  const tarballs = new Map();
  let origin = "";
  const api = () => `${origin}/api/v3`;

  /** One tar.gz per repository and sha, made once with git archive, with GitHub's top folder. */
  const tarball = (repo, sha) => {
    const key = `${repo}@${sha}`;
    let made = tarballs.get(key);
    if (!made) {
      const prefix = `${repo.replace("/", "-")}-${sha.slice(0, 7)}/`;
      made = execFileAsync("git", ["archive", "--format=tar.gz", `--prefix=${prefix}`, sha], { cwd: repoDir, encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }).then((r) => {
        state.tarballsBuilt++;
        return r.stdout;
      });
      made.catch(() => tarballs.delete(key));
      tarballs.set(key, made);
    }
    return made;
  };

  /** The repository's installation token must be the one used; otherwise the app mixed up clients. */
  const checkToken = (req, repo) => {
    const expected = installations.get(repo);
    const auth = String(req.headers.authorization ?? "");
    if (expected !== undefined && auth !== `token ${tokenOf(expected)}`) state.unexpectedRequest(req.method, req.url, `authorization "${auth.slice(0, 40)}" is not installation ${expected}'s token`);
  };

  const git = async (args) => (await execFileAsync("git", args, { cwd: repoDir, encoding: "buffer", maxBuffer: 256 * 1024 * 1024 })).stdout;

  /** GET compare/base...head as GitHub answers it: the merge base and the files changed since it. */
  const compare = async (base, head) => {
    const mergeBase = (await git(["merge-base", base, head])).toString().trim();
    const raw = (await git(["diff", "--raw", "-z", "-M", "--no-abbrev", mergeBase, head])).toString().split("\0");
    const files = [];
    const STATUS = { A: "added", D: "removed", M: "modified", R: "renamed", C: "copied", T: "changed" };
    for (let i = 0; i < raw.length - 1; ) {
      const [, , fromSha, toSha, code] = raw[i++].slice(1).split(" ");
      const kind = code[0];
      const first = raw[i++];
      const second = kind === "R" || kind === "C" ? raw[i++] : null;
      files.push({ filename: second ?? first, status: STATUS[kind] ?? "modified", sha: kind === "D" ? fromSha : toSha, ...(second ? { previous_filename: first } : {}) });
    }
    return { merge_base_commit: { sha: mergeBase }, total_commits: 1, files: files.slice(0, 300) };
  };

  const routes = [
    {
      name: "GET /repos/:o/:r/compare/:basehead",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/,
      handle: async ({ res, m }) => send(res, 200, await compare(m[2], m[3])),
    },
    {
      name: "GET /repos/:o/:r/git/blobs/:sha",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/git\/blobs\/([0-9a-f]{40})$/,
      handle: async ({ res, m }) => {
        const content = await git(["cat-file", "blob", m[2]]).catch(() => null);
        if (!content) return send(res, 404, { message: "Not Found" });
        send(res, 200, { sha: m[2], size: content.length, encoding: "base64", content: content.toString("base64") });
      },
    },
    {
      name: "GET /repos/:o/:r/contents/*",
      method: "GET",
      // Not the organisation's .github repository (below).
      path: /^\/api\/v3\/repos\/([^/]+\/(?!\.github\/)[^/]+)\/contents\/(.+)$/,
      handle: async ({ res, m, url }) => {
        const ref = url.searchParams.get("ref") ?? "HEAD";
        const file = decodeURIComponent(m[2]);
        const content = await git(["cat-file", "blob", `${ref}:${file}`]).catch(() => null);
        if (!content) return send(res, 404, { message: "Not Found" });
        send(res, 200, { type: "file", path: file, name: file.split("/").pop(), size: content.length, encoding: "base64", content: content.toString("base64") });
      },
    },
    {
      name: "GET /repos/:o/:r/check-runs/:id",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/,
      handle: ({ res, repo, m }) => {
        const check = state.checks.get(Number(m[2]));
        if (!check || check.repo !== repo) return send(res, 404, { message: "Not Found" });
        send(res, 200, checkRunJson(check, api()));
      },
    },
    {
      name: "POST /app/installations/:id/access_tokens",
      method: "POST",
      path: /^\/api\/v3\/app\/installations\/(\d+)\/access_tokens$/,
      handle: ({ req, res, m }) => {
        if (!/^bearer\s+\S+\.\S+\.\S+$/i.test(String(req.headers.authorization ?? ""))) {
          state.unexpectedRequest(req.method, req.url, "token request without an app JWT");
          return send(res, 401, { message: "A JSON web token could not be decoded" });
        }
        state.tokensIssued++;
        const expires = new Date(Date.now() + 3600_000).toISOString();
        send(res, 201, { token: tokenOf(m[1]), expires_at: expires, permissions: { checks: "write", pull_requests: "write", issues: "write", contents: "read" }, repository_selection: "all" });
      },
    },
    {
      name: "POST /repos/:o/:r/check-runs",
      method: "POST",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/check-runs$/,
      handle: ({ res, repo, body }) => send(res, 201, checkRunJson(state.createCheck(repo, body), api())),
    },
    {
      name: "GET /repos/:o/:r/commits/:ref/check-runs",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/check-runs$/,
      handle: ({ res, repo, m, url }) => {
        const name = url.searchParams.get("check_name");
        const runs = state.checksFor(repo, decodeURIComponent(m[2])).filter((c) => !name || c.name === name);
        paged(runs, url, res, (page) => ({ total_count: runs.length, check_runs: page.map((c) => checkRunJson(c, api())) }));
      },
    },
    {
      name: "PATCH /repos/:o/:r/check-runs/:id",
      method: "PATCH",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/,
      handle: ({ req, res, repo, m, body }) => {
        const check = state.checks.get(Number(m[2]));
        if (!check || check.repo !== repo) {
          state.unexpectedRequest(req.method, req.url, "update of an unknown check run");
          return send(res, 404, { message: "Not Found" });
        }
        state.updateCheck(check, body);
        send(res, 200, checkRunJson(check, api()));
      },
    },
    {
      name: "GET /repos/:o/:r/tarball/:sha",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/tarball\/([^/]+)$/,
      // As GitHub does: a redirect to codeload (here: the same server, outside /api/v3).
      handle: ({ res, repo, m }) => send(res, 302, "", { location: `${origin}/codeload/${repo}/legacy.tar.gz/${m[2]}` }),
    },
    {
      name: "GET /codeload/:o/:r/legacy.tar.gz/:sha",
      method: "GET",
      path: /^\/codeload\/([^/]+\/[^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/,
      handle: async ({ res, repo, m }) => {
        let archive;
        try {
          archive = await tarball(repo, m[2]);
        } catch {
          return send(res, 404, { message: "Not Found" });
        }
        res.writeHead(200, { "content-type": "application/x-gzip", "content-length": archive.length });
        res.end(archive);
      },
    },
    {
      name: "GET /repos/:o/:r/pulls/:n/files",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/files$/,
      // No renames in these PRs: the review takes its file list from the trees themselves.
      handle: ({ res, url }) => paged([], url, res),
    },
    {
      name: "GET /repos/:o/:r/issues/:n/comments",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      handle: ({ res, repo, m, url }) => paged(state.commentsOn(repo, Number(m[2])).map((c) => commentJson(c, api())), url, res),
    },
    {
      name: "POST /repos/:o/:r/issues/:n/comments",
      method: "POST",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      handle: ({ res, repo, m, body }) => send(res, 201, commentJson(state.createComment(repo, Number(m[2]), String(body.body ?? "")), api())),
    },
    {
      name: "PATCH /repos/:o/:r/issues/comments/:id",
      method: "PATCH",
      path: /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      handle: ({ req, res, repo, m, body }) => {
        const comment = state.comments.get(Number(m[2]));
        if (!comment || comment.repo !== repo) {
          state.unexpectedRequest(req.method, req.url, "update of an unknown comment");
          return send(res, 404, { message: "Not Found" });
        }
        state.updateComment(comment, String(body.body ?? ""));
        send(res, 200, commentJson(comment, api()));
      },
    },
    {
      // The organisation-wide config repository: none here (the base tree has its own config).
      name: "GET /repos/:o/.github/contents/*",
      method: "GET",
      path: /^\/api\/v3\/repos\/([^/]+\/\.github)\/contents\/.+$/,
      expectedRepo: false,
      handle: ({ res }) => send(res, 404, { message: "Not Found" }),
    },
  ];

  const handle = async (req, res) => {
    const url = new URL(req.url, origin);
    const route = routes.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) {
      state.count("unexpected");
      state.unexpectedRequest(req.method, req.url, "no such endpoint in the fake");
      return send(res, 404, { message: "Not Found" });
    }
    state.count(route.name);
    const m = route.path.exec(url.pathname);
    const repo = m[1]?.includes("/") ? decodeURIComponent(m[1]) : undefined;
    const isApi = url.pathname.startsWith("/api/v3/");
    if (repo && isApi && route.expectedRepo !== false && !installations.has(repo)) {
      state.unexpectedRequest(req.method, req.url, `repository ${repo} is not installed`);
      return send(res, 404, { message: "Not Found" });
    }
    if (repo && isApi && route.expectedRepo !== false) checkToken(req, repo);
    let body = {};
    if (req.method === "POST" || req.method === "PATCH") {
      const text = await readBody(req);
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        state.unexpectedRequest(req.method, req.url, "body is not JSON");
        return send(res, 400, { message: "Problems parsing JSON" });
      }
    }
    if (isApi && apiLatencyMs > 0) await sleep(apiLatencyMs);
    await hold(route.name, m);
    await route.handle({ req, res, m, repo, url, body });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      state.unexpectedRequest(req.method, req.url, `fake failed: ${error.message}`);
      if (!res.headersSent) send(res, 500, { message: "fake GitHub failed" });
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    // Port 0: the OS picks a free port; only the loopback interface, never the network.
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  origin = `http://127.0.0.1:${port}`;
  return {
    state,
    port,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    /** Synchronous, for the exit-time cleanup. */
    closeNow: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
