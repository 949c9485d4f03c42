// Typed face of the addon's base exports (native/binding/addon.cc, errors.cc). Hand-written: every
// native export has a declaration in src/native/types/, and nothing crossing the boundary is `any`.
export interface BaseExports {
  /** Names of the export groups compiled into this addon build ("errors", "hdlc", "engine", ...). */
  readonly exportGroups: readonly string[];
  readonly abiVersion: number;
  setErrorClasses(classes: { InvalidStateError: new (m: string) => Error; TandemNativeError: new (m: string) => Error }): void;
}
