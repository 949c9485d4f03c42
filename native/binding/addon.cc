// The Tandem native addon: one module whose exports are contributed by each component's binding
// file through TANDEM_REGISTER_EXPORTS (see module_registry.h). The typed face of these exports is
// the hand-written src/native/addon.d.ts.
#include <napi.h>

#include "binding/module_registry.h"

namespace tandem {

std::vector<ExportsEntry>& exportsRegistry() {
  static std::vector<ExportsEntry> registry;
  return registry;
}

}  // namespace tandem

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Napi::Array groups = Napi::Array::New(env);
  uint32_t i = 0;
  for (const auto& entry : tandem::exportsRegistry()) {
    entry.init(env, exports);
    groups.Set(i++, Napi::String::New(env, entry.name));
  }
  exports.Set("exportGroups", groups);
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  return exports;
}

NODE_API_MODULE(tandem_native, Init)
