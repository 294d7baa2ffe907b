/** The part of madge's API (it ships no types) the import-cycle check uses. */
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    tsConfig?: string;
    excludeRegExp?: RegExp[];
    detectiveOptions?: Record<string, Record<string, boolean>>;
  }
  interface MadgeResult {
    /** file → the files it imports, relative to `baseDir` */
    obj(): Record<string, string[]>;
    /** each cycle as the files in it */
    circular(): string[][];
    /** imports that could not be resolved to a file */
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
