// Span alarm state machine: LOS, LOF, AIS, RAI raised and cleared as events.
//
// Defects are what the receiver sees in a 1 ms tick (driver loss of signal; RxFramer's loss of frame
// alignment, AIS per G.775 and the received A-bit). They drive the consequent action at once (RAI
// sent back while in LOS, LOF or AIS: G.704 §2.3.2 / G.732 §4.2) and, masked and integrated, become
// the alarms that are reported:
//   masking  LOS masks AIS and LOF; AIS masks LOF; RAI counts only while none of them is present
//            (an unaligned receiver cannot read the A-bit) -- the higher cause is the one reported.
//   raise    a masked defect present for `raiseMs` consecutive ticks raises the alarm;
//   clear    the defect absent for `clearMs` consecutive ticks clears it.
// Fill: a tick whose received block the driver could not supply (SAToP underrun) is played as
// all-ones, but is not counted as LOF or AIS from the far end (span.cc); a gap that lasts becomes
// LOS at the driver's threshold. Real AIS (all-ones that arrived in packets) is reported as AIS.
// G.806/M.20 integrate failures over 2.5 s (raise) and 10 s (clear); the defaults here are shorter
// (config spans[].alarmRaiseMs / alarmClearMs) so a lab span reacts within a fraction of a second.
#pragma once

#include <cstdint>

namespace tandem::core {

enum class Alarm : uint32_t { LOS = 0, LOF = 1, AIS = 2, RAI = 3 };
constexpr int kAlarmCount = 4;
inline const char* alarmName(Alarm a) {
  static const char* const names[kAlarmCount] = {"LOS", "LOF", "AIS", "RAI"};
  return names[static_cast<uint32_t>(a)];
}

struct Defects {
  bool los = false, lof = false, ais = false, rai = false;
};

class AlarmIntegrator {
 public:
  AlarmIntegrator(int raiseMs, int clearMs) : raiseMs_(raiseMs < 1 ? 1 : raiseMs), clearMs_(clearMs < 1 ? 1 : clearMs) {}

  // One tick. Calls onChange(alarm, raised) for each alarm whose reported state changes.
  template <typename F>
  void tick(const Defects& d, F&& onChange) {
    const bool masked[kAlarmCount] = {
        d.los,
        d.lof && !d.ais && !d.los,
        d.ais && !d.los,
        d.rai && !d.lof && !d.ais && !d.los,
    };
    for (int i = 0; i < kAlarmCount; ++i) {
      if (masked[i]) {
        absentMs_[i] = 0;
        if (!raised_[i] && ++presentMs_[i] >= raiseMs_) {
          raised_[i] = true;
          onChange(static_cast<Alarm>(i), true);
        }
      } else {
        presentMs_[i] = 0;
        if (raised_[i] && ++absentMs_[i] >= clearMs_) {
          raised_[i] = false;
          onChange(static_cast<Alarm>(i), false);
        }
      }
    }
  }
  bool raised(Alarm a) const { return raised_[static_cast<uint32_t>(a)]; }
  uint32_t mask() const {
    uint32_t m = 0;
    for (int i = 0; i < kAlarmCount; ++i)
      if (raised_[i]) m |= 1u << i;
    return m;
  }

 private:
  int raiseMs_, clearMs_;
  bool raised_[kAlarmCount] = {};
  int presentMs_[kAlarmCount] = {};
  int absentMs_[kAlarmCount] = {};
};

}  // namespace tandem::core
