// Commands from JavaScript to the engine's real-time thread (CONVENTIONS.md 10: typed commands with
// ids, routed by handle). The binding builds them on the JS thread and the RT thread applies them at
// the start of the next tick, in order. `target` points at the native object the handle names: it
// stays valid until a Remove* command for it has been applied (the RT thread then hands it back to
// the JS thread for deletion), so the RT thread never looks handles up.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::core {

constexpr size_t kMaxCommandPayload = 512;  // > largest MTP2 signal unit (Q.703: 272-octet SIF + header)

enum class CommandType : uint16_t {
  AddSpan,          // target = Span* (opened on the JS thread); the engine takes ownership
  RemoveSpan,       // target = Span*; retired to the JS thread with its channels
  AttachChannel,    // target = Span*, ptr = SignallingChannel* (ownership passes to the span), a = timeslot
  DetachChannel,    // target = Span*, a = timeslot; the channel is retired to the JS thread
  ChannelCommand,   // target = SignallingChannel*; code/a/b/data defined by the channel kind
  AttachBearer,     // target = Span*, ptr = BearerConsumer*, a = timeslot
  DetachBearer,     // target = Span*, a = timeslot, release(ptr) runs on the JS thread afterwards
  SpanBert,         // target = Span*, a = 1 on / 0 off (PRBS on every bearer timeslot)
  SpanInjectErrors, // target = Span*, a = number of bit errors (after CRC-4, one per SMF)
  SpanTxEnable,     // target = Span*, a = 1 on / 0 off (maintenance: transmitter off = far end LOS)
  ResetStats,       // engine tick statistics back to zero
  RunOnRt,          // run fn(ptr) on the RT thread (plug-ins that must touch RT state)
};

struct Command {
  uint32_t id = 0;  // JS-side id (echoed in a CommandFailed event)
  CommandType type = CommandType::ResetStats;
  uint32_t code = 0;
  void* target = nullptr;
  void* ptr = nullptr;
  void (*fn)(void*) = nullptr;  // RunOnRt; DetachBearer's release (run on the JS thread)
  int64_t a = 0;
  int64_t b = 0;
  uint16_t len = 0;
  uint8_t data[kMaxCommandPayload];
};

}  // namespace tandem::core

namespace tandem {
using core::Command;  // sig_channel.h's plug-in interface names it tandem::Command (NATIVE-CONTRACT.md)
}
