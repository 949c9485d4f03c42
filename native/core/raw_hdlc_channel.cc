#include "core/raw_hdlc_channel.h"

#include <cstring>

namespace tandem::core {

void RawHdlcChannel::command(const Command& c) {
  if (c.code != kSend) return;
  if (qCount_ >= kTxQueue || c.len == 0) {
    bump(txDropped_);
    return;
  }
  TxFrame& f = q_[(qHead_ + qCount_) % kTxQueue];
  f.len = c.len;
  std::memcpy(f.data, c.data, c.len);
  ++qCount_;
}

size_t RawHdlcChannel::nextFrame(uint8_t* buf, size_t cap) {
  if (qCount_ == 0) return 0;
  TxFrame& f = q_[qHead_];
  qHead_ = (qHead_ + 1) % kTxQueue;
  --qCount_;
  if (f.len > cap) {
    bump(txDropped_);
    return 0;
  }
  std::memcpy(buf, f.data, f.len);
  bump(txFrames_);
  return f.len;
}

void RawHdlcChannel::onFrame(const uint8_t* p, size_t nWithFcs) {
  if (nWithFcs < 2) return;
  bump(rxFrames_);
  if (!events_->emit(EventType::ChannelFrame, handle_, 0, 0, 0, p, nWithFcs - 2)) bump(rxDropped_);
}

size_t RawHdlcChannel::readCounters(ChannelCounter* out, size_t cap) const {
  const ChannelCounter all[] = {
      {"hdlc.txFrames", txFrames_.load(std::memory_order_relaxed)},
      {"hdlc.txDropped", txDropped_.load(std::memory_order_relaxed)},
      {"hdlc.rxFrames", rxFrames_.load(std::memory_order_relaxed)},
      {"hdlc.rxEventsDropped", rxDropped_.load(std::memory_order_relaxed)},
  };
  size_t n = 0;
  for (const auto& c : all)
    if (n < cap) out[n++] = c;
  return n;
}

namespace {
std::unique_ptr<SignallingChannel> makeRawHdlc(const ChannelParams& p) { return std::make_unique<RawHdlcChannel>(p); }
}  // namespace

TANDEM_REGISTER_CHANNEL_KIND("hdlc", makeRawHdlc);

}  // namespace tandem::core
