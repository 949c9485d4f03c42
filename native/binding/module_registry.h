// Registry of the addon's export groups. Each native component that exposes functions to
// TypeScript registers one init function with TANDEM_REGISTER_EXPORTS in its own binding file,
// so components never edit a shared file to appear in the addon. addon.cc runs them all.
#pragma once

#include <napi.h>

#include <vector>

namespace tandem {

using ExportsInit = void (*)(Napi::Env env, Napi::Object exports);

struct ExportsEntry {
  const char* name;
  ExportsInit init;
};

std::vector<ExportsEntry>& exportsRegistry();

struct ExportsRegistrar {
  ExportsRegistrar(const char* name, ExportsInit init) { exportsRegistry().push_back({name, init}); }
};

}  // namespace tandem

#define TANDEM_CONCAT_INNER(a, b) a##b
#define TANDEM_CONCAT(a, b) TANDEM_CONCAT_INNER(a, b)
// Usage (at namespace scope in a .cc file): TANDEM_REGISTER_EXPORTS("hdlc", InitHdlcExports);
#define TANDEM_REGISTER_EXPORTS(name, fn) \
  static ::tandem::ExportsRegistrar TANDEM_CONCAT(tandem_exports_registrar_, __LINE__)(name, fn)
