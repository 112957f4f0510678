// Hand-built tar entries: node-tar's packer would refuse to write the hostile ones tests need.

/** One ustar entry with any name, type and link target: node-tar's packer would refuse to write hostile ones. */
export function ustar(name: string, opts: { type?: string; linkname?: string; data?: Buffer | string; size?: number } = {}): Buffer {
  const data = Buffer.from(opts.data ?? "");
  const header = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => header.write(text, offset, length, "latin1");
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, "0") + "\0";
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(opts.size ?? data.length, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put(opts.type ?? "0", 156, 1);
  put(opts.linkname ?? "", 157, 100);
  put("ustar\u000000", 257, 8);
  put("        ", 148, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/** A pax extended header ('x') carrying `key=value` records for the next entry. */
export function pax(records: Record<string, string>): Buffer {
  const body = Object.entries(records)
    .map(([key, value]) => {
      const rest = ` ${key}=${value}\n`;
      let length = rest.length + 1;
      while (`${length}${rest}`.length !== length) length = `${length}${rest}`.length;
      return `${length}${rest}`;
    })
    .join("");
  return ustar("PaxHeader/next", { type: "x", data: body });
}

export const END = Buffer.alloc(1024);
export const tar = (...entries: Buffer[]) => Buffer.concat([...entries, END]);
