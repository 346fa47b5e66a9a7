/**
 * What the reachability import reads from an ELF file with binutils: that it is an x86-64
 * shared object, its build id, its function symbols (from its own `.symtab` or the separate
 * debug file Debian's `-dbg` packages install under `/usr/lib/debug/.build-id/`), and the
 * dynamic relocations that say where each PLT and GOT slot leads.
 */
import { execFile } from "node:child_process";
import { openSync, readSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A refusal that names the file or tool at fault; nothing was written. */
export class ReachabilityImportError extends Error {}

/** Output of a binutils tool, or a ReachabilityImportError saying which tool is missing or failed. */
export async function binutils(tool: "objdump" | "readelf", args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new ReachabilityImportError(`${tool} was not found: install binutils (apt-get install -y binutils)`);
    throw new ReachabilityImportError(`${tool} ${args.join(" ")} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

const ET_DYN = 3;
const EM_X86_64 = 62;

/** Refuses anything but a readable 64-bit little-endian x86-64 ELF shared object. */
export function checkSharedObject(file: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) throw new ReachabilityImportError(`${file}: no such file or directory`);
  if (!info.isFile()) throw new ReachabilityImportError(`${file}: not a file`);
  const header = Buffer.alloc(20);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1", 0, 4) !== "\x7fELF") throw new ReachabilityImportError(`${file}: not an ELF file`);
  const type = header.readUInt16LE(16);
  const machine = header.readUInt16LE(18);
  if (header[4] !== 2 || header[5] !== 1 || machine !== EM_X86_64 || type !== ET_DYN) {
    throw new ReachabilityImportError(
      `${file}: not an x86-64 ELF shared object (class ${header[4]}, data ${header[5]}, type ${type}, ` +
        `machine ${machine}; expected 2, 1, ${ET_DYN}, ${EM_X86_64})`,
    );
  }
}

export async function buildId(file: string): Promise<string> {
  const notes = await binutils("readelf", ["-n", "-W", file]);
  const id = /Build ID:\s*([0-9a-f]+)/.exec(notes)?.[1];
  if (!id) throw new ReachabilityImportError(`${file}: has no GNU build id note`);
  return id;
}

export interface ElfSymbol {
  name: string;
  address: number;
  size: number;
  ifunc: boolean;
  /** GLOBAL or WEAK: a name other code links against. */
  exported: boolean;
}

/** Function symbols of the `.symtab` section (none when the file is stripped). */
export async function readSymtab(file: string): Promise<ElfSymbol[]> {
  const text = await binutils("readelf", ["-s", "-W", file]);
  const symbols: ElfSymbol[] = [];
  let inSymtab = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("Symbol table")) {
      inSymtab = line.includes("'.symtab'");
      continue;
    }
    if (!inSymtab) continue;
    const m = /^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(FUNC|IFUNC)\s+(\w+)\s+\w+\s+(\d+)\s+(\S+)/.exec(line);
    if (!m) continue;
    const address = parseInt(m[1]!, 16);
    if (address === 0) continue;
    symbols.push({
      name: m[6]!.replace(/@.*$/, ""),
      address,
      size: Number(m[2]),
      ifunc: m[3] === "IFUNC",
      exported: m[4] === "GLOBAL" || m[4] === "WEAK",
    });
  }
  return symbols;
}

/**
 * Where a slot of the GOT leads: an address of this library (a function, or an IFUNC resolver),
 * or a symbol by name (an IFUNC of this library, which readelf prints as `name()`, or a function
 * defined in another object such as ld.so).
 */
export type SlotTarget = { address: number } | { name: string };

/** GOT slot address -> target, from JUMP_SLOT, GLOB_DAT and IRELATIVE relocations. */
export async function readGotSlots(file: string): Promise<Map<number, SlotTarget>> {
  const text = await binutils("readelf", ["-r", "-W", file]);
  const slots = new Map<number, SlotTarget>();
  for (const line of text.split("\n")) {
    const irel = /^([0-9a-f]+)\s+[0-9a-f]+\s+R_X86_64_IRELATIVE\s+([0-9a-f]+)/.exec(line);
    if (irel) {
      slots.set(parseInt(irel[1]!, 16), { address: parseInt(irel[2]!, 16) });
      continue;
    }
    const sym = /^([0-9a-f]+)\s+[0-9a-f]+\s+R_X86_64_(?:JUMP_SLOT|GLOB_DAT)\s+(\S+)\s+(\S+)/.exec(line);
    if (!sym) continue;
    const value = /^[0-9a-f]+$/.test(sym[2]!) ? parseInt(sym[2]!, 16) : 0;
    const name = sym[3]!.replace(/@.*$/, "");
    slots.set(parseInt(sym[1]!, 16), value ? { address: value } : { name });
  }
  return slots;
}

/** The debug file for a build id: `debug` itself when it is a file, else looked up under the directory. */
export function findDebugFile(debug: string, id: string): string | null {
  const info = statSync(debug, { throwIfNoEntry: false });
  if (!info) throw new ReachabilityImportError(`--debug ${debug}: no such file or directory`);
  if (info.isFile()) return debug;
  const rel = path.join(id.slice(0, 2), `${id.slice(2)}.debug`);
  for (const candidate of [path.join(debug, ".build-id", rel), path.join(debug, rel)]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

export const DEFAULT_DEBUG_DIR = "/usr/lib/debug";

export interface LibrarySymbols {
  symbols: ElfSymbol[];
  /** The file the symbols were read from. */
  from: string;
}

/**
 * The library's function symbols: its own `.symtab`, else the debug file (given, or found by
 * build id under /usr/lib/debug), which must carry the same build id.
 */
export async function librarySymbols(library: string, id: string, debug?: string): Promise<LibrarySymbols> {
  if (!debug) {
    const own = await readSymtab(library);
    if (own.length > 0) return { symbols: own, from: library };
  }
  const dir = debug ?? DEFAULT_DEBUG_DIR;
  const file = statSync(dir, { throwIfNoEntry: false }) ? findDebugFile(dir, id) : null;
  if (!file) {
    throw new ReachabilityImportError(
      `${library}: no symbols: the library is stripped and no debug file for build id ${id} was found` +
        `${debug ? ` under ${debug}` : ` under ${DEFAULT_DEBUG_DIR}`} (install the -dbg package, e.g. ` +
        "libc6-dbg, or pass --debug <file or directory>)",
    );
  }
  const fileId = await buildId(file).catch(() => null);
  if (fileId !== id)
    throw new ReachabilityImportError(`${file}: build id ${fileId ?? "(none)"} is not the library's ${id}`);
  const symbols = await readSymtab(file);
  if (symbols.length === 0) throw new ReachabilityImportError(`${file}: no function symbols in its .symtab`);
  return { symbols, from: file };
}
