// Q.703 §12.3 timers of the MTP2 signalling link, in one table (CONVENTIONS.md 2): name, default,
// allowed range and a line of description. Values are for 64 kbit/s signalling data links (an E1
// timeslot). Every value is configurable (Mtp2Config::timersUs); the range is what Q.703 allows and
// what the TypeScript config layer validates against.
#pragma once

#include <cstdint>

namespace tandem::mtp2 {

enum class TimerId : uint8_t { T1, T2, T3, T4n, T4e, T5, T6, T7, Count };
constexpr int kTimerCount = static_cast<int>(TimerId::Count);

struct TimerDef {
  TimerId id;
  const char* name;
  uint64_t defaultUs;
  uint64_t minUs;
  uint64_t maxUs;
  const char* description;
};

constexpr uint64_t kMs = 1000;
constexpr uint64_t kS = 1000 * 1000;

// Q.703 §12.3 (64 kbit/s). T2: the "low" range 5-50 s applies (no automatic allocation of
// signalling data links); T4: Pn = 2^16 and Pe = 2^12 octet transmission times.
constexpr TimerDef kTimerTable[kTimerCount] = {
    {TimerId::T1, "T1", 45 * kS, 40 * kS, 50 * kS, "alignment ready: aligned to in service (Fig. 8/Q.703)"},
    {TimerId::T2, "T2", 11500 * kMs, 5 * kS, 150 * kS, "not aligned: waiting for SIO/SIN/SIE from the peer (Fig. 9)"},
    {TimerId::T3, "T3", 1500 * kMs, 1 * kS, 2 * kS, "aligned: waiting for SIN/SIE after alignment (Fig. 9)"},
    {TimerId::T4n, "T4n", 8200 * kMs, 7500 * kMs, 9500 * kMs, "normal proving period Pn = 2^16 octets (§7.4)"},
    {TimerId::T4e, "T4e", 500 * kMs, 400 * kMs, 600 * kMs, "emergency proving period Pe = 2^12 octets (§7.4)"},
    {TimerId::T5, "T5", 100 * kMs, 80 * kMs, 120 * kMs, "sending SIB: interval between SIBs in local congestion (§9.3)"},
    {TimerId::T6, "T6", 5 * kS, 3 * kS, 6 * kS, "remote congestion: longest tolerated remote congestion (§9.3)"},
    {TimerId::T7, "T7", 1 * kS, 500 * kMs, 2 * kS, "excessive delay of acknowledgement (§5.3.1)"},
};

inline const char* timerName(TimerId id) { return kTimerTable[static_cast<int>(id)].name; }

// Running timers as absolute deadlines (0 = stopped). Expiry is checked in Mtp2::tick(nowUs):
// one compare per timer, no allocation, no polling of anything else.
class TimerSet {
 public:
  void start(TimerId id, uint64_t nowUs, uint64_t durationUs) { deadline_[idx(id)] = nowUs + durationUs + 1; }
  void stop(TimerId id) { deadline_[idx(id)] = 0; }
  void stopAll() {
    for (auto& d : deadline_) d = 0;
  }
  bool running(TimerId id) const { return deadline_[idx(id)] != 0; }
  // True once (and stops the timer) when the timer has run out at nowUs.
  bool expired(TimerId id, uint64_t nowUs) {
    uint64_t& d = deadline_[idx(id)];
    if (d != 0 && nowUs + 1 >= d) {
      d = 0;
      return true;
    }
    return false;
  }

 private:
  static int idx(TimerId id) { return static_cast<int>(id); }
  uint64_t deadline_[kTimerCount] = {};
};

}  // namespace tandem::mtp2
