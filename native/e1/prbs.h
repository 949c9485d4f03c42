// O.151 §2.1 pseudo-random test pattern 2^15 - 1 (x^15 + x^14 + 1, output inverted), for bearer
// bit-exactness tests (BERT). Bits are packed MSB first into octets (line order).
#pragma once

#include <cstdint>

namespace tandem::e1 {

class PrbsGenerator {
 public:
  explicit PrbsGenerator(uint16_t seed = 0x7FFF) : reg_(seed & 0x7FFF ? seed & 0x7FFF : 1) {}
  int nextBit();
  uint8_t nextOctet();

 private:
  uint16_t reg_;
};

// Self-synchronising checker: loads its register from 15 received bits, declares sync after
// kSyncBits correct predictions, then runs its own reference and counts bit errors; loses sync (and
// counts a sync loss) when a 256-bit window has more than kLossErrors errors.
class PrbsChecker {
 public:
  static constexpr int kSyncBits = 64;
  static constexpr int kWindowBits = 256;
  static constexpr int kLossErrors = 32;
  void push(uint8_t octet);
  void pushBit(int b);
  bool synced() const { return synced_; }
  uint64_t bitErrors() const { return errors_; }  // errors counted while synced
  uint64_t bits() const { return bits_; }          // bits compared while synced
  uint64_t syncLosses() const { return losses_; }
  void reset();

 private:
  uint16_t reg_ = 0;
  int loaded_ = 0;
  int good_ = 0;
  bool synced_ = false;
  int winBits_ = 0;
  int winErrors_ = 0;
  uint64_t errors_ = 0, bits_ = 0, losses_ = 0;
};

}  // namespace tandem::e1
