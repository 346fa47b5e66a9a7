import { ReferenceParseError } from "@/lib/reference/parse-error";
import { readCommand } from "@/lib/reference/texinfo-syntax";

export type SafetyValue = "Safe" | "Unsafe";

type Section = "mt" | "as" | "ac";

const PART_COMMANDS: Record<string, { section: Section; value: SafetyValue }> = {
  mtsafe: { section: "mt", value: "Safe" },
  mtunsafe: { section: "mt", value: "Unsafe" },
  assafe: { section: "as", value: "Safe" },
  asunsafe: { section: "as", value: "Unsafe" },
  acsafe: { section: "ac", value: "Safe" },
  acunsafe: { section: "ac", value: "Unsafe" },
};

/** What an @safety line says: a value and its note keywords for each of MT, AS and AC. */
export interface Safety {
  /** `@prelim{}` present. */
  preliminary: boolean;
  mt: SafetyValue;
  as: SafetyValue;
  ac: SafetyValue;
  /** Space-separated keywords, e.g. "race:stream lock corrupt heap". */
  mtNotes: string;
  asNotes: string;
  acNotes: string;
}

/** Reads the argument of one `@safety{...}`, expanding its note macros; errors name the @safety line. */
export class SafetyReader {
  constructor(
    private macros: Map<string, string>,
    private file: string,
    private line: number,
  ) {}

  private fail(problem: string): never {
    throw new ReferenceParseError(this.file, this.line, problem);
  }

  /** `@mtsrace{:stream}` -> "race:stream"; nested note macros in the argument expand too. */
  private expandNote(name: string, arg: string): string {
    const keyword = this.macros.get(name);
    if (keyword === undefined) this.fail(`unknown note macro @${name} in @safety`);
    return keyword + this.expandText(arg);
  }

  private expandText(text: string): string {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "@") {
        const next = text[i + 1];
        if (next === "@" || next === "{" || next === "}") {
          out += next;
          i += 2;
          continue;
        }
        const cmd = readCommand(text, i);
        if (!cmd) this.fail(`malformed macro call in note argument "${text}"`);
        out += this.expandNote(cmd.name, cmd.arg);
        i = cmd.end;
      } else if (c === "{" || c === "}") {
        this.fail(`stray brace in note argument "${text}"`);
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** The notes inside `@mtsafe{...}` etc.: note macro calls separated by white space. */
  private notes(arg: string, part: string): string {
    const keywords: string[] = [];
    let i = 0;
    while (i < arg.length) {
      if (/\s/.test(arg[i]!)) {
        i++;
        continue;
      }
      const cmd = readCommand(arg, i);
      if (!cmd) this.fail(`unexpected text in @${part}{}: "${arg.slice(i).trim()}"`);
      keywords.push(this.expandNote(cmd.name, cmd.arg));
      i = cmd.end;
    }
    return keywords.join(" ");
  }

  /** Parses the argument of `@safety{...}`. */
  read(content: string): Safety {
    const parts: Partial<Record<Section, { value: SafetyValue; notes: string }>> = {};
    let preliminary = false;
    let i = 0;
    while (i < content.length) {
      if (/\s/.test(content[i]!)) {
        i++;
        continue;
      }
      const cmd = readCommand(content, i);
      if (!cmd) this.fail(`unexpected text in @safety: "${content.slice(i).trim()}"`);
      if (cmd.name === "prelim") {
        preliminary = true;
      } else {
        const part = PART_COMMANDS[cmd.name];
        if (!part)
          this.fail(
            `unexpected @${cmd.name} in @safety (expected @mtsafe/@mtunsafe, @assafe/@asunsafe, @acsafe/@acunsafe)`,
          );
        if (parts[part.section]) this.fail(`@safety has two ${part.section.toUpperCase()} parts`);
        parts[part.section] = { value: part.value, notes: this.notes(cmd.arg, cmd.name) };
      }
      i = cmd.end;
    }
    const { mt, as, ac } = parts;
    for (const [section, part] of [
      ["MT", mt],
      ["AS", as],
      ["AC", ac],
    ] as const) {
      if (!part) this.fail(`@safety has no ${section} part`);
    }
    return {
      preliminary,
      mt: mt!.value,
      as: as!.value,
      ac: ac!.value,
      mtNotes: mt!.notes,
      asNotes: as!.notes,
      acNotes: ac!.notes,
    };
  }
}
