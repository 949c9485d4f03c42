// The built-in signalling channel kind "hdlc": raw HDLC frames between JavaScript and a signalling
// timeslot. Frames sent from JS (ChannelCommand code kSend) are queued (up to kTxQueue; more are
// dropped and counted) and sent back to back; each received good frame goes to JS as a
// ChannelFrame event (payload without FCS). Bad frames are counted by the span's HDLC decoder.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/channel_registry.h"
#include "core/sig_channel.h"

namespace tandem::core {

constexpr uint32_t RawHdlcChannelSend = 1;  // ChannelCommand code of the "hdlc" kind

class RawHdlcChannel final : public SignallingChannel {
 public:
  static constexpr uint32_t kSend = 1;  // ChannelCommand code: data = frame payload (no FCS)
  static constexpr int kTxQueue = 64;
  static constexpr size_t kMaxFrame = kMaxCommandPayload;

  explicit RawHdlcChannel(const ChannelParams& p) : handle_(p.handle), events_(p.events) {}

  void tick(uint64_t) override {}
  void command(const Command& c) override;
  size_t nextFrame(uint8_t* buf, size_t cap) override;
  void onFrame(const uint8_t* p, size_t nWithFcs) override;
  size_t readCounters(ChannelCounter* out, size_t cap) const override;

 private:
  static void bump(std::atomic<uint64_t>& c) { c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
  uint32_t handle_;
  EventSink* events_;
  struct TxFrame {
    uint16_t len;
    uint8_t data[kMaxFrame];
  };
  TxFrame q_[kTxQueue];
  int qHead_ = 0, qCount_ = 0;  // RT thread only
  std::atomic<uint64_t> txFrames_{0}, txDropped_{0}, rxFrames_{0}, rxDropped_{0};
};

}  // namespace tandem::core
