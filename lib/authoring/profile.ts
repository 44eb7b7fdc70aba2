/**
 * The author's own details (name, unit), kept on their computer so `npm run new` does not ask every time.
 * Stored outside the repository: it is personal and differs per computer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface AuthorProfile {
  readonly author?: string;
  readonly unit?: string;
}

/** `$PHUNINH_PROFILE`, else `~/.config/phuninh/profile.json`. */
export function profilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PHUNINH_PROFILE ?? path.join(os.homedir(), ".config", "phuninh", "profile.json");
}

/** Reads the profile; a missing or unreadable file is an empty profile. */
export function readProfile(file = profilePath()): AuthorProfile {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return {
      ...(typeof data.author === "string" && data.author.trim() ? { author: data.author.trim() } : {}),
      ...(typeof data.unit === "string" && data.unit.trim() ? { unit: data.unit.trim() } : {}),
    };
  } catch {
    return {};
  }
}

/** Saves the profile as JSON. */
export function saveProfile(profile: AuthorProfile, file = profilePath()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
}
