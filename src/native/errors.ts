// Error classes shared with the native addon (native/binding/errors.h): the addon throws these, so
// a caller can tell a wrong state from a domain failure without parsing messages.

/** The operation is not allowed in the object's current state (closed engine, span not started...). */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** A failure of the native domain (socket, driver, span): `code` says which. */
export class TandemNativeError extends Error {
  code = 'ENATIVE';
  constructor(message: string) {
    super(message);
    this.name = 'TandemNativeError';
  }
}
