declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        configPath?: string;
        quietMode?: boolean;
        runMode?: "build" | "watch" | "serve";
        config?: (config: import("./eleventy.ts").EleventyConfig) => void;
      },
    );
    write(): Promise<unknown>;
    toJSON(): Promise<unknown[]>;
    init(): Promise<void>;
    watch(): Promise<void>;
    serve(port?: number): void;
    stopWatch(): Promise<void>;
  }
}
