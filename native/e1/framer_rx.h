// G.706 §4 receive framer: frame alignment at any bit offset of the octet stream, loss/recovery of
// frame alignment, CRC-4 multiframe alignment, CRC-4 checking, E-bits (far-end block errors), A-bit
// (RAI), AIS (G.775), non-CRC-4 peer fallback (G.706 §4.3.3 / Annex B).
// Pure and real-time safe: no allocation, no locks, no syscalls in push(). Time = frames received.
#pragma once

#include <cstddef>
#include <cstdint>

#include "e1/e1_constants.h"

namespace tandem::e1 {

struct RxFramerStatus {
  bool frameAligned;  // basic frame alignment (G.706 §4.1)
  bool mfAligned;     // CRC-4 multiframe alignment (G.706 §4.2)
  bool crc4Active;    // CRC-4 procedures in use: configured on and peer not detected as non-CRC-4
  bool lof;           // loss of frame alignment (= !frameAligned)
  bool ais;           // alarm indication signal (G.775 §5.2: <3 zeros in each of two 512-bit periods)
  bool rai;           // remote alarm indication: A-bit = 1 (G.704 §2.3.2, Table 4b)
};

struct RxFramerCounters {
  uint64_t frames;        // frames delivered while aligned
  uint64_t crcErrors;     // received SMFs whose CRC-4 check failed (G.706 §4.3)
  uint64_t febe;          // far-end block errors: E-bits received as 0 (G.704 §2.3.3.4)
  uint64_t fasErrors;     // FAS words received in error while aligned
  uint64_t slips;         // re-alignments at a different bit position than the last one + noteSlip()
  uint64_t realignments;  // times frame alignment was (re)gained
};

class RxFrameSink {
 public:
  virtual ~RxFrameSink() = default;
  virtual void onFrame(const uint8_t frame[32]) = 0;
};

class RxFramer {
 public:
  explicit RxFramer(bool crc4);  // crc4=false: basic frame alignment only
  void setCrc4(bool on);         // restarts the CRC-4 procedures (keeps basic alignment)

  // Line octets in arrival order (MSB of each octet = first bit on the line). Delivers each aligned
  // frame, re-aligned so frame[0] is TS0, to sink->onFrame() (sink may be null). Nothing is delivered
  // while out of frame alignment.
  void push(const uint8_t* data, size_t n, RxFrameSink* sink);
  // Per received CRC-4 SMF checked (only while MF aligned): errored or not; feed to TxFramer.
  // Results beyond kSmfQueue unpopped ones are dropped (oldest kept).
  bool popSmfResult(bool* errored);
  const RxFramerStatus& status() const { return status_; }
  const RxFramerCounters& counters() const { return counters_; }
  // Bits by which frame starts lag the octet boundaries of the input (0..7): if the line stream is an
  // octet-aligned frame stream preceded by k extra bits, bitOffset() == k % 8. -1 when not aligned.
  int bitOffset() const;
  // Position of the next octet in the frame (0 = TS0), -1 when not aligned.
  int framePhase() const { return status_.frameAligned ? phase_ : -1; }
  int multiframePosition() const { return status_.mfAligned ? mfPos_ : -1; }
  // The engine counts controlled slips of its own elastic store here.
  void noteSlip() { ++counters_.slips; }
  // Frames received since the last (re)start of frame alignment; for tests and logs.
  uint64_t framesSinceAlignment() const { return framesSinceFa_; }

  static constexpr int kSmfQueue = 32;
  static constexpr int kMfSearchFrames = 64;       // 8 ms (G.706 §4.2)
  static constexpr int kCrc4FallbackFrames = 3200;  // 400 ms (G.706 §4.3.3, Annex B)
  static constexpr int kCrcWindowSmf = 1000;       // G.706 §4.3.2
  static constexpr int kCrcLossThreshold = 915;

 private:
  void searchOctet();
  uint8_t histOctet(uint32_t idx, int shift) const;
  bool threeFrameCheck(uint32_t t, int shift) const;
  void parallelOctet(uint32_t t);
  void rejectCandidate();
  void adoptCandidate(uint32_t t, uint8_t ts0);
  void alignedOctet(uint8_t octet, RxFrameSink* sink);
  void frameComplete(RxFrameSink* sink);
  void nfasBit1(uint8_t bit);
  void lossOfAlignment();
  void resetCrc4();
  void remember(const uint8_t* p, size_t m);
  void aisPeriodEnd();
  void pushSmfResult(bool errored);
  void mfasSearch(uint8_t bit1);
  void crcFrame(bool fas);

  bool crc4Config_;
  RxFramerStatus status_{};
  RxFramerCounters counters_{};

  // raw octet history for the search (ring, power of two)
  static constexpr int kHist = 128;
  uint8_t hist_[kHist] = {};
  uint32_t histPos_ = 0;    // number of raw octets pushed (mod 2^32)
  int histCount_ = 0;       // valid octets in hist_ (saturates at kHist)
  int lastPosId_ = -1;      // (octet phase mod 32) * 8 + shift of the last alignment
  uint8_t prevRaw_ = 0;
  int shift_ = 0;           // aligned octet = ((prev << 8 | raw) >> shift_) & 0xFF
  int phase_ = 0;           // 0..31 position of next octet in frame
  uint8_t frame_[32] = {};
  bool fasFrame_ = true;    // the frame being assembled is a FAS frame
  int badFasRun_ = 0;
  uint64_t framesSinceFa_ = 0;

  // CRC-4 multiframe
  int mfPos_ = 0;               // 0..15 frame number within the multiframe (when mfAligned)
  uint8_t mfasShift_ = 0;       // last 6 NFAS bit-1 values
  int64_t mfasFirstAt_ = -1;    // framesSinceFa_ at the first MFAS seen in the current 8 ms search
  uint64_t mfSearchStart_ = 0;  // framesSinceFa_ at the start of the current 8 ms search
  bool crcValid_ = false;       // crcPrev_ is the CRC of a fully received SMF
  bool crcAccumulating_ = false;  // crcRunning_ started at an SMF boundary
  uint8_t crcRunning_ = 0;
  uint8_t crcPrev_ = 0;
  uint8_t cBits_ = 0;           // C1..C4 collected in the current SMF
  int smfInWindow_ = 0;
  int smfErroredInWindow_ = 0;

  // Parallel search for another frame alignment (G.706 §4.2, Annex B.2)
  struct Candidate {
    bool valid = false;
    int shift = 0;
    int posId = -1;
    uint32_t nextTs0 = 0;     // raw octet index of the candidate's next TS0
    bool fas = false;         // next TS0 expected to be a FAS
    int badFas = 0;
    uint8_t mfas = 0;
    int64_t mfasFirstAt = -1;
    uint64_t frames = 0;
  };
  bool psActive_ = false;
  Candidate cand_;
  int rejectedPosId_ = -1;

  // AIS (G.775): zeros in 64-octet periods on the raw stream
  int aisOctets_ = 0;
  int aisZeros_ = 0;
  int aisLowRun_ = 0;
  int aisHighRun_ = 0;

  // RAI debounce: consecutive NFAS with A = 1 / A = 0
  int raiOnRun_ = 0;
  int raiOffRun_ = 0;

  bool smfQ_[kSmfQueue] = {};
  uint32_t smfHead_ = 0, smfTail_ = 0;
};

}  // namespace tandem::e1
