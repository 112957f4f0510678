// Naming rules for functions and classes, and public-method counting.
import { describe, it, expect } from "@jest/globals";
import { analyzeSource } from "../../src/extract/source-facts.js";

const names = (text: string, file = "a.ts") => analyzeSource(text, file).facts.functions.map((f) => f.name);

describe("function names", () => {
  it("names declarations, variables, object members and class members", () => {
    const text = `
      function decl() {}
      const arrow = () => 1;
      let expr = function () {};
      const named = function own() {};
      const wrapped = ((x: number) => x) as unknown;
      const obj = { method() {}, prop: () => 1, "quoted-key": function () {}, get acc() { return 1; } };
      class C {
        constructor() {}
        m() {}
        static s() {}
        get x() { return 1; }
        set x(v: number) {}
        #p() {}
        handler = () => {};
      }
      const Anon = class { m() {} };
      [1].forEach(() => {});
      assigned = () => {};
      exports.viaProp = function () {};
    `;
    expect(names(text)).toEqual([
      "decl", "arrow", "expr", "own", "wrapped",
      "method", "prop", "quoted-key", "acc",
      "C.constructor", "C.m", "C.s", "C.x", "C.x", "C.#p", "C.handler",
      "Anon.m",
      "<anonymous>",
      "assigned", "exports.viaProp",
    ]);
  });

  it("names default exports `default`", () => {
    expect(names("export default function () {}")).toEqual(["default"]);
    expect(names("export default () => 1;")).toEqual(["default"]);
    expect(names("export default class { m() {} }")).toEqual(["default.m"]);
  });
});

describe("classes", () => {
  it("names declarations, class expressions and anonymous classes", () => {
    const text = [
      "class Decl {}",
      "const Assigned = class {};",
      "const X = class Own {};",
      "make(class {});",
      "export default class {}",
    ].join("\n");
    const classes = analyzeSource(text, "a.ts").facts.classes.map((c) => `${c.name}@${c.line}`);
    expect(classes).toEqual(["Decl@1", "Assigned@2", "Own@3", "<anonymous>@4", "default@5"]);
  });

  it("counts public methods only, overloads once", () => {
    const text = `
      export class Service {
        constructor(private readonly dep: string) {}
        a() {}
        public b() {}
        static c() {}
        c() {}            // instance c is a different method from static c
        private d() {}
        protected e() {}
        #f() {}
        get g() { return 1; }
        set g(v: number) {}
        h = () => 1;
        o(x: string): void;
        o(x: number): void;
        o(x: unknown) {}
        abstract?: number;
      }`;
    const [cls] = analyzeSource(text, "a.ts").facts.classes;
    // cohesion (LCOM4 groups) is class-cohesion.ts's to test; here, the public method count.
    const { cohesion: _cohesion, ...counted } = cls!;
    expect(counted).toEqual({ name: "Service", line: 2, publicMethods: 5, key: "/Service", displayName: "Service", endLine: 18 }); // a, b, static c, c, o
  });

  it("counts methods of abstract and declared classes (their API), not their bodies", () => {
    const text = "abstract class A { abstract run(): void; stop() {} }\ndeclare class D { x(): void; }";
    const counts = analyzeSource(text, "a.ts").facts.classes.map((c) => c.publicMethods);
    expect(counts).toEqual([2, 1]);
  });
});
