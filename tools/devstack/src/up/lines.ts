/** Splits a stream of text chunks into whole lines, holding back a trailing partial line. */
export class LineSplitter {
  private pending = '';

  /** Adds a chunk; returns the lines it completed (without their line ends). */
  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }

  /** Returns the partial line left at the end of the stream, if any. */
  flush(): string[] {
    const rest = this.pending.replace(/\r$/, '');
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}

/** Keeps the last `capacity` lines. */
export class LineTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  snapshot(): string[] {
    return [...this.lines];
  }
}

/** `[service] line`: the service's own line (a JSON log line stays intact) after the prefix. */
export function prefixLine(service: string, line: string): string {
  return `[${service}] ${line}`;
}
