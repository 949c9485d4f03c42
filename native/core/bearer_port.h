// Bearer access per (span, timeslot) for media channels (issue 5). Every bearer timeslot of a span
// has a BearerPort. With no consumer attached the timeslot sends the idle pattern (0xD5 on A-law
// lines, 0xFF on mu-law: G.711 "positive zero"); with the span in BERT mode the PRBS owns all bearer
// timeslots and consumers are not called.
//
// A media channel implements BearerConsumer and is attached with Engine::post(AttachBearer) (or
// from TS through the media binding, which calls Engine::attachBearer): once per tick, on the RT
// thread, after the tick's received frames were processed, onBearerTick() gets the octets received
// on the timeslot during this tick (normally 8; fewer while out of frame alignment, up to 16 while
// the receiver realigns) and fills the 8 octets to send in this tick's 8 frames.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::core {

class BearerConsumer {
 public:
  virtual ~BearerConsumer() = default;
  virtual void onBearerTick(uint64_t nowUs, const uint8_t* rx, size_t nRx, uint8_t tx[8]) = 0;
};

struct BearerPort {
  static constexpr size_t kRxCap = 16;
  BearerConsumer* consumer = nullptr;
  uint8_t rx[kRxCap];
  uint8_t nRx = 0;
  uint8_t tx[8];
};

}  // namespace tandem::core
