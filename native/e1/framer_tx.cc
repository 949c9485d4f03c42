// G.704 §2.3 transmit framer. See framer_tx.h.
#include "e1/framer_tx.h"

#include "e1/crc4.h"

namespace tandem::e1 {

namespace {
// Bit 1 of NFAS frames 1,3,5,7,9,11 carries the CRC-4 multiframe alignment signal 001011
// (G.704 Table 5B); frames 13 and 15 carry the E-bits.
constexpr uint8_t kMfas[6] = {0, 0, 1, 0, 1, 1};
constexpr uint32_t kMaxPendingEBits = 1000;
}  // namespace

TxFramer::TxFramer(bool crc4) : crc4_(crc4) {}

void TxFramer::setCrc4(bool on) {
  crc4_ = on;
  mfPos_ &= 1;  // restart the multiframe but keep the FAS/NFAS alternation the far end is aligned to
  crcRunning_ = 0;
  crcToSend_ = 0;
  pendingEBits_ = 0;
}

void TxFramer::setRai(bool on) { rai_ = on; }

void TxFramer::reportRxSubmultiframe(bool errored) {
  if (errored && pendingEBits_ < kMaxPendingEBits) ++pendingEBits_;
}

void TxFramer::injectBitErrors(uint32_t n) { pendingErrors_ += n; }

void TxFramer::buildFrame(uint8_t frame[32]) {
  const int f = mfPos_;
  const bool fas = (f & 1) == 0;  // FAS in even frames, NFAS in odd frames (G.704 §2.3.2)
  uint8_t ts0;
  if (fas) {
    uint8_t bit1 = 1;  // Si = 1 without CRC-4
    if (crc4_) bit1 = (crcToSend_ >> (3 - ((f & 7) >> 1))) & 1;  // C1..C4 (G.704 Table 5B)
    ts0 = static_cast<uint8_t>((bit1 << 7) | kFasPattern);
  } else {
    uint8_t bit1 = 1;
    if (crc4_) {
      const int idx = f >> 1;  // 0..7
      if (idx < 6) {
        bit1 = kMfas[idx];
      } else if (pendingEBits_ > 0) {  // E-bit = 0 reports an errored received SMF (§2.3.3.4)
        bit1 = 0;
        --pendingEBits_;
      }
    }
    ts0 = static_cast<uint8_t>((bit1 << 7) | kNfasBit2 | (rai_ ? kNfasABit : 0) | kNfasSaBits);
  }
  frame[0] = ts0;

  if (crc4_) {
    // G.704 §2.3.3.5.2: CRC over the SMF with the C-bit positions set to 0, sent in the next SMF.
    if ((f & 7) == 0) {
      crcRunning_ = 0;
      smfErrorDone_ = false;
    }
    uint8_t c = Crc4::update(crcRunning_, fas ? static_cast<uint8_t>(ts0 & ~kBit1) : ts0);
    for (int i = 1; i < kFrameOctets; ++i) c = Crc4::update(c, frame[i]);
    crcRunning_ = c;
    if ((f & 7) == 7) crcToSend_ = crcRunning_;
  } else if ((f & 7) == 0) {
    smfErrorDone_ = false;
  }

  // Error injection after the CRC: at most one bit per SMF so each injection is one errored SMF.
  if (pendingErrors_ > 0 && !smfErrorDone_) {
    int ts = 1 + static_cast<int>(errorRotor_ % 31);
    while (!(injectMask_ & (1u << ts))) ts = ts == 31 ? 1 : ts + 1;  // mask is never empty
    const int bit = static_cast<int>((errorRotor_ / 31) % 8);
    frame[ts] ^= static_cast<uint8_t>(1u << bit);
    ++errorRotor_;
    --pendingErrors_;
    smfErrorDone_ = true;
  }

  mfPos_ = (f + 1) & 15;
  ++frames_;
}

}  // namespace tandem::e1
