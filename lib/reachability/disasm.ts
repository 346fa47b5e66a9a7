/**
 * Reads `objdump -d` output line by line (it is streamed: libc's disassembly is some 12 MB) and
 * keeps only what the call graph needs: each control transfer with the address it leaves from,
 * and the PLT stubs with the GOT slot each jumps through.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ReachabilityImportError } from "@/lib/reachability/elf";

export type TransferKind = "call" | "jump" | "indirect" | "slot-call" | "address";

/**
 * One instruction that leads somewhere: a direct `call` or jump (`jmp`, `jcc`) to `target`, a
 * call or jump through a memory slot at `target` (`*0x…(%rip)`), an indirect one (`*%reg`,
 * `*8(%rax)`: target unknown), or a `lea` of a code address (how an IFUNC resolver names the
 * implementation it returns).
 */
export interface Transfer {
  site: number;
  kind: TransferKind;
  target: number;
}

export interface Disassembly {
  transfers: Transfer[];
  /** PLT stub address -> the GOT slot its `jmp *…(%rip)` reads. */
  pltSlots: Map<number, number>;
  /** Start of every PLT stub, to recognise a call into one. */
  pltStubs: Set<number>;
}

const INSN = /^\s*([0-9a-f]+):\t(.*)$/;
const HEADER = /^([0-9a-f]+) <.*>:$/;
const PREFIXES = /^(?:(?:bnd|notrack|rex\.?\w*|data16|cs|ds)\s+)+/;
const DIRECT = /^([0-9a-f]+)(?:\s|$)/;
const COMMENT_TARGET = /#\s*([0-9a-f]+)/;

/** Classifies one instruction's text, or null when it transfers nothing the graph keeps. */
export function parseInstruction(site: number, text: string): Transfer | null {
  const insn = text.replace(PREFIXES, "");
  const space = insn.search(/\s/);
  const mnemonic = space < 0 ? insn : insn.slice(0, space);
  const operands = space < 0 ? "" : insn.slice(space).trim();
  const isCall = mnemonic === "call" || mnemonic === "callq";
  const isJump = mnemonic === "jmp" || mnemonic === "jmpq" || /^j[a-z]{1,4}$/.test(mnemonic);
  if (isCall || isJump) {
    if (operands.startsWith("*")) {
      const slot = /^\*0x[0-9a-f]+\(%rip\)/.test(operands) ? COMMENT_TARGET.exec(operands) : null;
      return slot
        ? { site, kind: "slot-call", target: parseInt(slot[1]!, 16) }
        : { site, kind: "indirect", target: -1 };
    }
    const direct = DIRECT.exec(operands);
    if (!direct) return null;
    return { site, kind: isCall ? "call" : "jump", target: parseInt(direct[1]!, 16) };
  }
  if (mnemonic === "lea" && /\(%rip\)/.test(operands)) {
    const target = COMMENT_TARGET.exec(operands);
    if (target) return { site, kind: "address", target: parseInt(target[1]!, 16) };
  }
  return null;
}

/** Runs `objdump -d` on the library and collects its transfers and PLT stubs. */
export function disassemble(library: string): Promise<Disassembly> {
  return new Promise((resolve, reject) => {
    const child = spawn("objdump", ["-d", "-w", "--no-show-raw-insn", library], { stdio: ["ignore", "pipe", "pipe"] });
    const result: Disassembly = { transfers: [], pltSlots: new Map(), pltStubs: new Set() };
    let stderr = "";
    let inPlt = false;
    let stub = -1;
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new ReachabilityImportError("objdump was not found: install binutils (apt-get install -y binutils)")
          : error,
      );
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on("line", (line) => {
      if (line.startsWith("Disassembly of section ")) {
        inPlt = line.slice(23).startsWith(".plt");
        stub = -1;
        return;
      }
      const header = inPlt ? HEADER.exec(line) : null;
      if (header) {
        stub = parseInt(header[1]!, 16);
        result.pltStubs.add(stub);
        return;
      }
      const m = INSN.exec(line);
      if (!m) return;
      const transfer = parseInstruction(parseInt(m[1]!, 16), m[2]!);
      if (!transfer) return;
      if (!inPlt) result.transfers.push(transfer);
      else if (transfer.kind === "slot-call" && stub >= 0 && !result.pltSlots.has(stub))
        result.pltSlots.set(stub, transfer.target);
    });
    child.on("close", (code) => {
      if (code === 0) resolve(result);
      else reject(new ReachabilityImportError(`objdump -d ${library} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}
