// Library face of Tandem: the pieces other programs and tests build on.
export { createLogger, nullLogger, componentLogger } from './log/logger.js';
export { loadConfig, type TandemConfig } from './config/load.js';
