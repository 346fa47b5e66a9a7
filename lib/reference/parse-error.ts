/** A reference source the importers cannot read, with the file and line to fix. */
export class ReferenceParseError extends Error {
  constructor(
    public file: string,
    public line: number,
    public problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "ReferenceParseError";
  }
}
