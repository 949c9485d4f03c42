// The "mtp2" signalling channel kind of the TDM engine (native/core/sig_channel.h): one Q.703 link
// (mtp2.h) on a span's signalling timeslot, next to the engine's raw "hdlc" kind. The span owns
// the timeslot's HdlcEncoder/HdlcDecoder (DAEDT/DAEDR bit level) and calls this channel on the RT
// thread; level 3 commands arrive as ChannelCommand codes, indications leave as ChannelEvent
// records with the codes below (src/ss7/mtp2/native-link.ts decodes them).
#pragma once

#include <atomic>
#include <cstdint>

#include "core/channel_registry.h"
#include "core/sig_channel.h"
#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

// ChannelCommand codes (Command.code); a = argument, data = MSU.
enum class LinkCommand : uint32_t {
  Start = 1,
  Stop = 2,
  Emergency = 3,
  EmergencyCeases = 4,
  Transmit = 5,                 // data = SIO + SIF (3..273 octets)
  RetrieveBsnt = 6,
  RetrievalRequestAndFsnc = 7,  // a = FSNC 0..127
  ClearBuffers = 8,
  LocalProcessorOutage = 9,
  LocalProcessorRecovered = 10,
  FlowControl = 11,             // a = 1 congested / 0 not
};

// ChannelEvent records: code = 100 + EventKind; a = value (FSN, BSNT, attempt...);
// b = from | to << 8 | cause << 16 (state changes: from/to states; out of service: cause);
// data = MSU for Received / RetrievedMessage.
constexpr uint32_t kEventCodeBase = 100;

class Mtp2Link final : public SignallingChannel, public Mtp2Listener {
 public:
  explicit Mtp2Link(const core::ChannelParams& p);

  // SignallingChannel (RT thread)
  void tick(uint64_t nowUs) override;
  void attached(uint64_t nowUs) override;
  void command(const Command& c) override;
  size_t nextFrame(uint8_t* buf, size_t cap) override { return mtp2_.nextFrame(buf, cap); }
  void onFrame(const uint8_t* p, size_t nWithFcs) override { mtp2_.onFrame(p, nWithFcs); }
  void onError(e1::HdlcError e) override { mtp2_.onError(static_cast<RxError>(static_cast<int>(e))); }
  size_t readCounters(ChannelCounter* out, size_t cap) const override;

  // Mtp2Listener (called from inside mtp2_ on the RT thread)
  void onMtp2Event(const Mtp2Event& e) override;

  static constexpr size_t kCounters = sizeof(kMtp2Counters) / sizeof(kMtp2Counters[0]);

 private:
  static Mtp2Config configFrom(const core::ChannelParams& p);
  uint32_t handle_;
  core::EventSink* events_;
  Mtp2 mtp2_;
  uint64_t lastUs_ = 0;
  uint64_t octetRemainder_ = 0;
  bool started_ = false;
  // Snapshot of the counters for readers on the JS thread (published once per tick).
  std::atomic<uint64_t> snap_[kCounters + 2] = {};
  std::atomic<uint64_t> eventsDropped_{0};
};

}  // namespace tandem::mtp2
