// O.151 §2.1 PRBS 2^15-1: 15-stage shift register, feedback from stages 14 and 15 (x^15 + x^14 + 1),
// output inverted. See prbs.h.
#include "e1/prbs.h"

namespace tandem::e1 {

namespace {
inline int feedback(uint16_t reg) { return ((reg >> 14) ^ (reg >> 13)) & 1; }
}  // namespace

int PrbsGenerator::nextBit() {
  const int nb = feedback(reg_);
  reg_ = static_cast<uint16_t>(((reg_ << 1) | nb) & 0x7FFF);
  return nb ^ 1;  // inverted output (O.151 §2.1)
}

uint8_t PrbsGenerator::nextOctet() {
  uint8_t o = 0;
  for (int i = 0; i < 8; ++i) o = static_cast<uint8_t>((o << 1) | nextBit());
  return o;
}

void PrbsChecker::reset() {
  reg_ = 0;
  loaded_ = 0;
  good_ = 0;
  synced_ = false;
  winBits_ = 0;
  winErrors_ = 0;
}

void PrbsChecker::push(uint8_t octet) {
  for (int i = 7; i >= 0; --i) pushBit((octet >> i) & 1);
}

void PrbsChecker::pushBit(int b) {
  const int r = (b ^ 1) & 1;  // undo the output inversion
  if (!synced_) {
    // Self-synchronisation: predict from the last 15 received bits.
    if (loaded_ >= 15) {
      if (feedback(reg_) == r) {
        if (++good_ >= kSyncBits) {
          synced_ = true;
          winBits_ = 0;
          winErrors_ = 0;
        }
      } else {
        good_ = 0;
      }
    } else {
      ++loaded_;
    }
    reg_ = static_cast<uint16_t>(((reg_ << 1) | r) & 0x7FFF);
    return;
  }
  // In sync: the reference runs on its own; every mismatch is one bit error.
  const int expect = feedback(reg_);
  reg_ = static_cast<uint16_t>(((reg_ << 1) | expect) & 0x7FFF);
  ++bits_;
  if (expect != r) {
    ++errors_;
    ++winErrors_;
  }
  if (++winBits_ >= kWindowBits) {
    if (winErrors_ > kLossErrors) {
      ++losses_;
      reset();
      return;
    }
    winBits_ = 0;
    winErrors_ = 0;
  }
}

}  // namespace tandem::e1
