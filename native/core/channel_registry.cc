#include "core/channel_registry.h"

namespace tandem::core {

namespace {
std::map<std::string, ChannelFactory>& registry() {
  static std::map<std::string, ChannelFactory> r;
  return r;
}
}  // namespace

void registerChannelKind(const char* kind, ChannelFactory factory) { registry()[kind] = factory; }

ChannelFactory findChannelKind(const std::string& kind) {
  auto it = registry().find(kind);
  return it == registry().end() ? nullptr : it->second;
}

}  // namespace tandem::core
