// G.704 §2.3 transmit framer: TS0 with FAS/NFAS, the CRC-4 multiframe (MFAS, C-bits, E-bits), the
// A-bit (RAI). Pure and real-time safe: no allocation, no locks, no syscalls; time = frames built.
#pragma once

#include <cstdint>

#include "e1/e1_constants.h"

namespace tandem::e1 {

class TxFramer {
 public:
  explicit TxFramer(bool crc4);

  // Switch CRC-4 on/off; restarts the multiframe at frame 0 or 1 (FAS/NFAS keep alternating, so the
  // far end keeps its basic frame alignment). C-bits always carry the CRC of the
  // previous SMF; right after a (re)start the first SMF sends C = 0000 (its predecessor is unknown).
  void setCrc4(bool on);
  bool crc4() const { return crc4_; }
  void setRai(bool on);                       // A-bit (bit 3 of NFAS) = remote alarm indication
  bool rai() const { return rai_; }
  // Result of one received CRC-4 SMF check (from RxFramer::popSmfResult): errored SMFs are reported
  // as E = 0 in the next E-bit positions (frames 13 and 15), G.704 §2.3.3.4. One E-bit per report.
  void reportRxSubmultiframe(bool errored);
  // Flip n payload bits after the CRC has been computed (test/maintenance). At most one bit is flipped
  // per sub-multiframe, so n injected errors give exactly n errored SMFs at the receiver. The bit hit
  // is in TS1..TS31 (rotating timeslot and bit position).
  void injectBitErrors(uint32_t n);
  uint32_t pendingBitErrors() const { return pendingErrors_; }
  // Timeslots (bit n = TSn, n = 1..31) that injected errors may hit; default all of TS1..TS31.
  // E.g. exclude the signalling timeslot so a BERT on the bearers sees every injected error.
  void setInjectMask(uint32_t tsMask) { injectMask_ = (tsMask & 0xFFFFFFFEu) ? (tsMask & 0xFFFFFFFEu) : 0xFFFFFFFEu; }
  // Caller filled TS1..31; writes TS0 and accounts the frame in the running CRC-4.
  void buildFrame(uint8_t frame[32]);

  uint64_t framesBuilt() const { return frames_; }
  int multiframePosition() const { return mfPos_; }  // 0..15, frame number the next buildFrame() gets

 private:
  bool crc4_;
  bool rai_ = false;
  int mfPos_ = 0;              // 0..15 position within the CRC-4 multiframe (or FAS/NFAS parity)
  uint8_t crcRunning_ = 0;     // CRC of the SMF being sent
  uint8_t crcToSend_ = 0;      // CRC of the previous SMF, sent in the C-bits of the current SMF
  uint32_t pendingEBits_ = 0;  // errored received SMFs not yet reported (E = 0)
  uint32_t pendingErrors_ = 0;
  uint32_t errorRotor_ = 0;
  uint32_t injectMask_ = 0xFFFFFFFEu;
  bool smfErrorDone_ = false;
  uint64_t frames_ = 0;
};

}  // namespace tandem::e1
