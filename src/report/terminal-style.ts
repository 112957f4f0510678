// Terminal helpers shared by the text renderer and the finding views: styles, and repository
// strings stripped of control characters so a file name cannot drive the terminal.
export const ANSI = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33 } as const;

export type Paint = (style: keyof typeof ANSI, text: string) => string;

export const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");

export const loc = (file: string, line: number | null): string => clean(line === null ? file : `${file}:${line}`);
