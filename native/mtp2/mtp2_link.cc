#include "mtp2/mtp2_link.h"

#include <stdexcept>
#include <string>

namespace tandem::mtp2 {

// Options from JS (numbers): T1..T7 timer overrides in ms (names of timers.h), "emergency" (1 =
// emergency proving from the first alignment). Unknown option names are refused.
Mtp2Config Mtp2Link::configFrom(const core::ChannelParams& p) {
  Mtp2Config cfg;
  for (const auto& [k, v] : p.options) {
    if (k == "emergency") continue;
    bool found = false;
    for (const auto& d : kTimerTable) {
      if (k == d.name) {
        if (!(v > 0) || v > 3600.0 * 1000) throw std::invalid_argument("mtp2 timer " + k + " must be 0 < ms <= 3600000");
        cfg.timersUs[static_cast<int>(d.id)] = static_cast<uint64_t>(v * 1000.0);
        found = true;
      }
    }
    if (!found) throw std::invalid_argument("unknown mtp2 channel option " + k);
  }
  return cfg;
}

Mtp2Link::Mtp2Link(const core::ChannelParams& p)
    : handle_(p.handle), events_(p.events), mtp2_(this, configFrom(p)) {
  auto it = p.options.find("emergency");
  if (it != p.options.end() && it->second != 0) mtp2_.emergency();
}

// The engine's time at attach: a start command applied before the first tick then starts T2 (and the
// other alignment timers) from the right time instead of from 0.
void Mtp2Link::attached(uint64_t nowUs) {
  started_ = true;
  lastUs_ = nowUs;
  mtp2_.tick(nowUs);
}

void Mtp2Link::tick(uint64_t nowUs) {
  if (!started_) {
    started_ = true;
    lastUs_ = nowUs;
  }
  // 64 kbit/s timeslot: 8 octets per ms reach the decoder; octet counting mode counts them.
  const uint64_t elapsed = nowUs > lastUs_ ? nowUs - lastUs_ : 0;
  lastUs_ = nowUs;
  octetRemainder_ += elapsed * 8;
  const uint64_t octets = octetRemainder_ / 1000;
  octetRemainder_ %= 1000;
  if (octets) mtp2_.rxOctets(static_cast<uint32_t>(octets > 64000 ? 64000 : octets));
  mtp2_.tick(nowUs);
  const Mtp2Counters& c = mtp2_.counters();
  for (size_t i = 0; i < kCounters; ++i) snap_[i].store(c.*(kMtp2Counters[i].field), std::memory_order_relaxed);
  snap_[kCounters].store(static_cast<uint64_t>(mtp2_.lscState()), std::memory_order_relaxed);
  snap_[kCounters + 1].store(mtp2_.suermCount(), std::memory_order_relaxed);
}

void Mtp2Link::command(const Command& c) {
  switch (static_cast<LinkCommand>(c.code)) {
    case LinkCommand::Start: mtp2_.start(); break;
    case LinkCommand::Stop: mtp2_.stop(); break;
    case LinkCommand::Emergency: mtp2_.emergency(); break;
    case LinkCommand::EmergencyCeases: mtp2_.emergencyCeases(); break;
    case LinkCommand::Transmit: mtp2_.transmit(c.data, c.len); break;
    case LinkCommand::RetrieveBsnt: mtp2_.retrieveBsnt(); break;
    case LinkCommand::RetrievalRequestAndFsnc: mtp2_.retrievalRequestAndFsnc(static_cast<uint8_t>(c.a & kSeqMask)); break;
    case LinkCommand::ClearBuffers: mtp2_.clearBuffers(); break;
    case LinkCommand::LocalProcessorOutage: mtp2_.localProcessorOutage(); break;
    case LinkCommand::LocalProcessorRecovered: mtp2_.localProcessorRecovered(); break;
    case LinkCommand::FlowControl: mtp2_.localCongestion(c.a != 0); break;
  }
}

void Mtp2Link::onMtp2Event(const Mtp2Event& e) {
  const int64_t b = static_cast<int64_t>(e.a) | (static_cast<int64_t>(e.b) << 8) | (static_cast<int64_t>(e.cause) << 16);
  if (!events_->emit(core::EventType::ChannelEvent, handle_, kEventCodeBase + static_cast<uint32_t>(e.kind), e.value, b,
                     e.data, e.len)) {
    eventsDropped_.store(eventsDropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
}

size_t Mtp2Link::readCounters(ChannelCounter* out, size_t cap) const {
  size_t n = 0;
  for (size_t i = 0; i < kCounters && n < cap; ++i) out[n++] = {kMtp2Counters[i].name, snap_[i].load(std::memory_order_relaxed)};
  if (n < cap) out[n++] = {"mtp2.lscState", snap_[kCounters].load(std::memory_order_relaxed)};
  if (n < cap) out[n++] = {"mtp2.suermCount", snap_[kCounters + 1].load(std::memory_order_relaxed)};
  if (n < cap) out[n++] = {"mtp2.eventsDropped", eventsDropped_.load(std::memory_order_relaxed)};
  return n;
}

namespace {
std::unique_ptr<SignallingChannel> makeMtp2Link(const core::ChannelParams& p) { return std::make_unique<Mtp2Link>(p); }
}  // namespace

TANDEM_REGISTER_CHANNEL_KIND("mtp2", makeMtp2Link);

}  // namespace tandem::mtp2
