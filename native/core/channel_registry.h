// Registry of signalling channel kinds (sig_channel.h). The built-in "hdlc" kind is registered by
// raw_hdlc_channel.cc; the MTP2 link registers "mtp2" from its own .cc with
//   TANDEM_REGISTER_CHANNEL_KIND("mtp2", makeMtp2Link);
// Factories run on the JS thread (allocation allowed) and may throw std::invalid_argument for a bad
// option (the binding turns it into a TypeError).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/event.h"
#include "core/sig_channel.h"

namespace tandem::core {

struct ChannelParams {
  uint32_t handle = 0;        // this channel's handle (put it in the events it emits)
  uint32_t spanHandle = 0;
  int timeslot = 16;
  EventSink* events = nullptr;  // RT thread only
  std::map<std::string, double> options;  // numeric options from JS (kind-specific)
};

using ChannelFactory = std::unique_ptr<SignallingChannel> (*)(const ChannelParams&);

void registerChannelKind(const char* kind, ChannelFactory factory);
ChannelFactory findChannelKind(const std::string& kind);

struct ChannelKindRegistrar {
  ChannelKindRegistrar(const char* kind, ChannelFactory f) { registerChannelKind(kind, f); }
};

}  // namespace tandem::core

#define TANDEM_CHANNEL_CONCAT_INNER(a, b) a##b
#define TANDEM_CHANNEL_CONCAT(a, b) TANDEM_CHANNEL_CONCAT_INNER(a, b)
#define TANDEM_REGISTER_CHANNEL_KIND(kind, fn) \
  static ::tandem::core::ChannelKindRegistrar TANDEM_CHANNEL_CONCAT(tandem_channel_kind_, __LINE__)(kind, fn)
