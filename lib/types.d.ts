declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        configPath?: string;
        quietMode?: boolean;
        config?: (config: import("./eleventy.ts").EleventyConfig) => void;
      },
    );
    write(): Promise<unknown>;
    toJSON(): Promise<unknown[]>;
  }
}
