// Q.703 §10 signalling link error monitoring: SUERM (§10.2, Fig. 15/Q.703) while aligned and in
// service, AERM (§10.3, Fig. 17/Q.703) during proving. Both are leaky-bucket counters fed by DAEDR
// ("correct SU", "SU in error") and, in octet counting mode (§4.1.4), by one error per N octets.
#pragma once

#include <cstdint>

namespace tandem::mtp2 {

constexpr uint32_t kSuermT = 64;      // §10.2: threshold T
constexpr uint32_t kSuermD = 256;     // §10.2: leak rate 1/D signal units
constexpr uint32_t kOctetCountN = 16; // §10.2: in octet counting, one error per N octets
constexpr uint32_t kAermTin = 4;      // §10.3: normal proving threshold Ti
constexpr uint32_t kAermTie = 1;      // §10.3: emergency proving threshold Tie
constexpr uint32_t kProvingM = 5;     // §7.3: proving attempts before alignment is abandoned

// SUERM: the count Cs goes up by one per errored SU and down by one (not below zero) per D signal
// units received (errored or not). The link fails when Cs reaches T. So with every SU errored the
// link fails at the T-th = 64th errored SU (the first leak happens only at the 256th SU); the
// error rate it tolerates indefinitely is 1/D = 1 in 256.
class Suerm {
 public:
  void start() { running_ = true; cs_ = 0; ns_ = 0; }
  void stop() { running_ = false; }
  bool running() const { return running_; }
  // Returns true when the threshold is reached (link failure).
  bool suInError() {
    if (!running_) return false;
    ++cs_;
    if (cs_ >= t_) {
      running_ = false;
      return true;
    }
    countSu();
    return false;
  }
  void correctSu() {
    if (running_) countSu();
  }
  uint32_t count() const { return cs_; }
  void setParams(uint32_t t, uint32_t d) { t_ = t; d_ = d; }

 private:
  void countSu() {
    if (++ns_ >= d_) {
      ns_ = 0;
      if (cs_ > 0) --cs_;
    }
  }
  bool running_ = false;
  uint32_t cs_ = 0, ns_ = 0, t_ = kSuermT, d_ = kSuermD;
};

// AERM: Ca counts errored SUs during one proving period; reaching Ti (normal) or Tie (emergency)
// aborts the proving period (Fig. 17: "Ca = Ti ?" -> "abort proving").
class Aerm {
 public:
  void setThreshold(uint32_t ti) { ti_ = ti; }
  uint32_t threshold() const { return ti_; }
  void start() { running_ = true; ca_ = 0; }
  void stop() { running_ = false; }
  bool running() const { return running_; }
  bool suInError() {
    if (!running_) return false;
    if (++ca_ >= ti_) {
      running_ = false;
      return true;
    }
    return false;
  }
  uint32_t count() const { return ca_; }

 private:
  bool running_ = false;
  uint32_t ca_ = 0, ti_ = kAermTin;
};

}  // namespace tandem::mtp2
