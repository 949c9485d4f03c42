// Errors that keep their class across the native boundary (CONVENTIONS.md 11):
//   bad argument      -> TypeError / RangeError (Napi's own)
//   wrong state       -> InvalidStateError (a JS class handed to the addon at load time)
//   domain failure    -> TandemNativeError with a string `code` (e.g. "EADDRINUSE", "ESPAN_UNKNOWN")
// The JS classes live in src/native/errors.ts and are registered with setErrorClasses().
#pragma once

#include <napi.h>

#include <string>

namespace tandem {

// Builds the error objects (falls back to Error if the classes were not registered).
Napi::Error invalidStateError(Napi::Env env, const std::string& message);
Napi::Error domainError(Napi::Env env, const std::string& code, const std::string& message);

// Throw helpers for binding code compiled with C++ exceptions (NAPI_CPP_EXCEPTIONS).
[[noreturn]] inline void throwInvalidState(Napi::Env env, const std::string& message) {
  throw invalidStateError(env, message);
}
[[noreturn]] inline void throwDomain(Napi::Env env, const std::string& code, const std::string& message) {
  throw domainError(env, code, message);
}
[[noreturn]] inline void throwType(Napi::Env env, const std::string& message) {
  throw Napi::TypeError::New(env, message);
}
[[noreturn]] inline void throwRange(Napi::Env env, const std::string& message) {
  throw Napi::RangeError::New(env, message);
}

}  // namespace tandem
