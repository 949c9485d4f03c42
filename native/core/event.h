// Events from the engine's real-time thread to JavaScript: fixed-size records in an SPSC ring,
// signalled to JS at most once per tick and only while JS has not yet drained the last signal
// (coalesced), so a burst of events costs one wake-up of the event loop. JS drains them all in one
// call. If JS falls so far behind that the ring is full, events are dropped and counted.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "core/spsc_ring.h"

namespace tandem::core {

constexpr size_t kMaxEventPayload = 512;

enum class EventType : uint16_t {
  SpanAligned,      // handle = span, a = 1 aligned / 0 lost, b = ticks (ms) from first datagram (gain only),
                    // code = of those, ticks the receive buffer was prefilling (no signal at the framer yet)
  SpanMfAligned,    // handle = span, a = 1 / 0, b = ticks from first datagram, code = as SpanAligned
  SpanAlarm,        // handle = span, code = Alarm, a = 1 raised / 0 cleared
  SpanCrc4Fallback, // handle = span: the peer sends no CRC-4 multiframe, framing continues without (G.706 4.3)
  SpanRemoved,      // handle = span: the engine let go of it; it was deleted (socket, pcap closed) before JS sees this
  ChannelFrame,     // handle = channel, data = received HDLC frame without FCS (raw-HDLC channel)
  ChannelEvent,     // handle = channel, code/a/b/data defined by the channel kind (MTP2 ...)
  EngineWarning,    // code = EngineWarningCode, a = errno or detail
  CommandFailed,    // a = command id, code = reason
};

enum class EngineWarningCode : uint32_t { RealtimePriorityFailed = 1, CpuAffinityFailed = 2, TicksSkipped = 3 };

struct Event {
  EventType type = EventType::EngineWarning;
  uint32_t handle = 0;
  uint32_t code = 0;
  int64_t a = 0;
  int64_t b = 0;
  uint16_t len = 0;
  uint8_t data[kMaxEventPayload];
};

// What the engine hands to spans and channels to emit events (RT thread only).
class EventSink {
 public:
  explicit EventSink(size_t capacityPow2) : ring_(capacityPow2) {}
  bool emit(EventType type, uint32_t handle, uint32_t code = 0, int64_t a = 0, int64_t b = 0, const uint8_t* data = nullptr,
            size_t len = 0) {
    Event* e = ring_.beginPush();
    if (e == nullptr || len > kMaxEventPayload) {
      dropped_.store(dropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return false;
    }
    e->type = type;
    e->handle = handle;
    e->code = code;
    e->a = a;
    e->b = b;
    e->len = static_cast<uint16_t>(len);
    if (len) std::memcpy(e->data, data, len);
    ring_.commitPush();
    return true;
  }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  SpscRing<Event>& ring() { return ring_; }

 private:
  SpscRing<Event> ring_;
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace tandem::core
