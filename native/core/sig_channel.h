// Plug-in point for signalling channels on a span's signalling timeslot (NATIVE-CONTRACT.md).
// A channel is the HDLC frame source and sink of one timeslot: the span owns the HdlcEncoder and
// HdlcDecoder of the timeslot (and their pcap tap) and calls the channel from the RT thread:
//   tick(nowUs)           once per 1 ms tick, before the tick's octets
//   nextFrame(buf, cap)   the encoder wants the next frame to send (payload without FCS; 0 = flags)
//   onFrame(p, nWithFcs)  a received frame with a good FCS (last 2 octets are the FCS)
//   onError(e)            a received frame was dropped (bad FCS, abort, non-octet, oversize, short)
//   command(c)            a JS command routed to this channel's handle (CommandType::ChannelCommand)
// Kinds: "hdlc" (raw_hdlc_channel.h: frames to/from JS) is built in; others (the MTP2 link) register
// a factory with TANDEM_REGISTER_CHANNEL_KIND (channel_registry.h) and are opened from JS with
// engine.openChannel(span, ts, kind, options). A channel emits events through the EventSink in its
// ChannelParams (EventType::ChannelEvent with its own codes, or ChannelFrame), on the RT thread only.
// Lifecycle: created on the JS thread by the factory, owned by the span from AttachChannel on,
// deleted on the JS thread after DetachChannel/RemoveSpan (never on the RT thread).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/command.h"
#include "e1/hdlc.h"

namespace tandem {

// One named counter of a channel, read from the JS thread (use atomics behind it).
struct ChannelCounter {
  const char* name;
  uint64_t value;
};

class SignallingChannel : public e1::HdlcFrameSource, public e1::HdlcFrameSink {
 public:
  virtual ~SignallingChannel() = default;
  virtual void tick(uint64_t nowUs) = 0;            // once per engine tick, before the tick's octets
  // RT thread, once, when the engine attaches the channel: the line time of the tick in progress, so a
  // command applied before the channel's first tick (e.g. an MTP2 start) already runs at the right time.
  virtual void attached(uint64_t nowUs) {}
  virtual void command(const Command& c) = 0;       // JS command routed by handle
  // JS thread, any time: the channel's own counters (the span adds the HDLC receive counters).
  virtual size_t readCounters(ChannelCounter* out, size_t cap) const { return 0; }
};

}  // namespace tandem
