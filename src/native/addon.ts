// Loads the native addon once and gives it its TypeScript type. Each native component declares its
// exports in src/native/types/<component>.ts; NativeAddon is their union.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidStateError, TandemNativeError } from './errors.js';
import type { BaseExports } from './types/base.js';
import type { E1Exports } from './types/e1.js';
import type { EngineExports } from './types/engine.js';
import type { MediaExports } from './types/media.js';
import type { Mtp2Exports } from './types/mtp2.js';

export type NativeAddon = BaseExports & MediaExports & E1Exports & EngineExports & Mtp2Exports;

const require = createRequire(import.meta.url);

function addonPath(): string {
  // src/native/addon.ts (tsx) and dist/native/addon.js (built) are both two levels below the root.
  const root = fileURLToPath(new URL('../../', import.meta.url));
  for (const p of ['build/Release/tandem_native.node', 'build/Debug/tandem_native.node']) {
    if (existsSync(root + p)) return root + p;
  }
  throw new Error(`native addon not built: run "npm install" (or "npm run build:native") in ${root}`);
}

let cached: NativeAddon | undefined;

export function loadNative(): NativeAddon {
  if (!cached) {
    const addon = require(addonPath()) as NativeAddon;
    addon.setErrorClasses({ InvalidStateError, TandemNativeError });
    cached = addon;
  }
  return cached;
}
