// G.706 §4 receive framer. See framer_rx.h for the contract; docs/e1-framing.md for the procedures.
#include "e1/framer_rx.h"

#include "e1/crc4.h"

namespace tandem::e1 {

namespace {
constexpr uint8_t kMfasPattern = 0x0B;  // 001011 in bit 1 of NFAS frames 1..11 (G.704 Table 5B)
constexpr int kBadFasForLoss = 3;       // G.706 §4.1.1
constexpr int kRaiDebounce = 3;         // consecutive NFAS frames with the same A-bit
constexpr int kAisPeriodOctets = 64;    // 512 bits = two frames (G.775)
constexpr int kAisMaxZeros = 2;         // "fewer than 3 zeros" in a period

// Number of zero bits in each octet value.
struct ZeroTable {
  uint8_t t[256];
  constexpr ZeroTable() : t() {
    for (int v = 0; v < 256; ++v) {
      int z = 0;
      for (int b = 0; b < 8; ++b) z += ((v >> b) & 1) ? 0 : 1;
      t[v] = static_cast<uint8_t>(z);
    }
  }
};
constexpr ZeroTable kZeroTable;
constexpr const uint8_t* kZeros = kZeroTable.t;
}  // namespace

RxFramer::RxFramer(bool crc4) : crc4Config_(crc4) {
  status_.lof = true;
  status_.crc4Active = crc4;
}

void RxFramer::setCrc4(bool on) {
  crc4Config_ = on;
  resetCrc4();
}

void RxFramer::resetCrc4() {
  status_.crc4Active = crc4Config_;
  status_.mfAligned = false;
  psActive_ = false;
  cand_.valid = false;
  rejectedPosId_ = -1;
  mfasShift_ = 0;
  mfasFirstAt_ = -1;
  mfSearchStart_ = framesSinceFa_;
  crcValid_ = false;
  crcAccumulating_ = false;
  crcRunning_ = 0;
  crcPrev_ = 0;
  cBits_ = 0;
  smfInWindow_ = 0;
  smfErroredInWindow_ = 0;
}

int RxFramer::bitOffset() const { return status_.frameAligned ? (8 - shift_) & 7 : -1; }

bool RxFramer::popSmfResult(bool* errored) {
  if (smfHead_ == smfTail_) return false;
  *errored = smfQ_[smfTail_ % kSmfQueue];
  ++smfTail_;
  return true;
}

void RxFramer::pushSmfResult(bool errored) {
  if (smfHead_ - smfTail_ >= static_cast<uint32_t>(kSmfQueue)) return;  // consumer lagging: drop newest
  smfQ_[smfHead_ % kSmfQueue] = errored;
  ++smfHead_;
}

void RxFramer::push(const uint8_t* data, size_t n, RxFrameSink* sink) {
  size_t i = 0;
  while (i < n) {
    if (status_.frameAligned) {
      // Aligned: re-align octets up to the end of the frame in one tight loop.
      size_t m = n - i < static_cast<size_t>(kFrameOctets - phase_) ? n - i : static_cast<size_t>(kFrameOctets - phase_);
      if (psActive_) m = 1;  // the parallel search looks at every octet
      const uint8_t* p = data + i;
      uint8_t* out = frame_ + phase_;
      uint8_t prev = prevRaw_;
      const int sh = shift_;
      for (size_t k = 0; k < m; ++k) {
        const uint8_t raw = p[k];
        out[k] = static_cast<uint8_t>(((prev << 8) | raw) >> sh);
        prev = raw;
      }
      prevRaw_ = prev;
      remember(p, m);
      phase_ += static_cast<int>(m);
      i += m;
      if (phase_ == kFrameOctets) {
        phase_ = 0;
        frameComplete(sink);
      }
      if (psActive_ && status_.frameAligned) parallelOctet(histPos_ - 1);
    } else {
      const uint8_t raw = data[i++];
      remember(&raw, 1);
      prevRaw_ = raw;
      searchOctet();
    }
  }
}

// Keeps the raw history for the alignment search and runs the AIS detector over the raw octets.
void RxFramer::remember(const uint8_t* p, size_t m) {
  uint32_t pos = histPos_;
  int zeros = aisZeros_;
  int octets = aisOctets_;
  for (size_t k = 0; k < m; ++k) {
    const uint8_t raw = p[k];
    hist_[pos & (kHist - 1)] = raw;
    ++pos;
    zeros += kZeros[raw];
    if (++octets == kAisPeriodOctets) {
      aisZeros_ = zeros;
      aisPeriodEnd();
      zeros = 0;
      octets = 0;
    }
  }
  histPos_ = pos;
  aisZeros_ = zeros;
  aisOctets_ = octets;
  histCount_ = histCount_ + static_cast<int>(m) < kHist ? histCount_ + static_cast<int>(m) : kHist;
}

// G.775: AIS when each of two consecutive 512-bit periods holds fewer than 3 zeros; cleared when each
// of two consecutive periods holds 3 or more zeros. Periods are counted on the raw line octets.
void RxFramer::aisPeriodEnd() {
  if (aisZeros_ <= kAisMaxZeros) {
    ++aisLowRun_;
    aisHighRun_ = 0;
    if (aisLowRun_ >= 2) status_.ais = true;
  } else {
    ++aisHighRun_;
    aisLowRun_ = 0;
    if (aisHighRun_ >= 2) status_.ais = false;
  }
  aisOctets_ = 0;
  aisZeros_ = 0;
}

// G.706 §4.1.2: frame alignment is recovered on (a) a FAS, (b) bit 2 = 1 in TS0 of the next frame
// (NFAS), (c) a FAS again in the frame after. The three-frame pattern is checked at every bit position
// of the stream at once, on the history of raw octets, as each octet arrives: the first position where
// (a)(b)(c) hold wins.
uint8_t RxFramer::histOctet(uint32_t idx, int shift) const {
  const uint8_t hi = hist_[(idx - 1) & (kHist - 1)];
  const uint8_t lo = hist_[idx & (kHist - 1)];
  return static_cast<uint8_t>(((hi << 8) | lo) >> shift);
}

// (a) FAS in frame N, (b) bit 2 = 1 in frame N+1, (c) FAS in frame N+2, (c) ending at raw octet t.
bool RxFramer::threeFrameCheck(uint32_t t, int s) const {
  if ((histOctet(t, s) & kFasMask) != kFasPattern) return false;                    // (c)
  if ((histOctet(t - kFrameOctets, s) & kNfasBit2) == 0) return false;             // (b)
  return (histOctet(t - 2 * kFrameOctets, s) & kFasMask) == kFasPattern;          // (a)
}

void RxFramer::searchOctet() {
  if (histCount_ < 65) return;  // frames N..N+2 (before the stream start the history reads as zeros)
  const uint32_t t = histPos_ - 1;
  for (int s = 0; s < 8; ++s) {
    if (!threeFrameCheck(t, s)) continue;
    // Aligned: the octet at t is TS0 of a FAS frame.
    const int posId = static_cast<int>((t & 31) * 8) + s;
    if (lastPosId_ >= 0 && posId != lastPosId_) ++counters_.slips;
    lastPosId_ = posId;
    shift_ = s;
    status_.frameAligned = true;
    status_.lof = false;
    ++counters_.realignments;
    badFasRun_ = 0;
    framesSinceFa_ = 0;
    fasFrame_ = true;
    raiOnRun_ = raiOffRun_ = 0;
    resetCrc4();
    frame_[0] = histOctet(t, s);
    phase_ = 1;
    return;
  }
}

// G.706 §4.2 / Annex B.2: no CRC-4 multiframe within 8 ms of the current frame alignment -> it may be
// spurious: search in parallel for another basic frame alignment (the primary one keeps carrying
// traffic and its loss criteria stay in force). A candidate found is followed frame by frame; if the
// CRC-4 multiframe is found on it (two MFAS 2 ms apart within 8 ms) it replaces the primary alignment;
// after 3 bad FAS or 8 ms without multiframe it is dropped and the search goes on. Called per raw
// octet t while psActive_.
void RxFramer::parallelOctet(uint32_t t) {
  if (!cand_.valid) {
    for (int s = 0; s < 8; ++s) {
      const int posId = static_cast<int>((t & 31) * 8) + s;
      if (posId == lastPosId_ || posId == rejectedPosId_) continue;
      if (!threeFrameCheck(t, s)) continue;
      cand_ = Candidate{};
      cand_.valid = true;
      cand_.shift = s;
      cand_.posId = posId;
      cand_.nextTs0 = t + kFrameOctets;
      cand_.fas = false;  // the frame after a FAS is an NFAS
      return;
    }
    return;
  }
  if (t != cand_.nextTs0) return;
  const uint8_t ts0 = histOctet(t, cand_.shift);
  cand_.nextTs0 = t + kFrameOctets;
  ++cand_.frames;
  const bool fas = cand_.fas;
  cand_.fas = !cand_.fas;
  if (fas) {
    if ((ts0 & kFasMask) != kFasPattern && ++cand_.badFas >= kBadFasForLoss) rejectCandidate();
    else if ((ts0 & kFasMask) == kFasPattern) cand_.badFas = 0;
    return;
  }
  cand_.mfas = static_cast<uint8_t>(((cand_.mfas << 1) | (ts0 >> 7)) & 0x3F);
  if (cand_.mfas == kMfasPattern) {
    const int64_t now = static_cast<int64_t>(cand_.frames);
    const int64_t d = now - cand_.mfasFirstAt;
    if (cand_.mfasFirstAt >= 0 && d > 0 && d <= kMfSearchFrames && d % kFramesPerMultiframe == 0) {
      adoptCandidate(t, ts0);
      return;
    }
    cand_.mfasFirstAt = now;
  }
  if (cand_.frames > static_cast<uint64_t>(kMfSearchFrames) + 2) rejectCandidate();
}

void RxFramer::rejectCandidate() {
  rejectedPosId_ = cand_.posId;
  cand_.valid = false;
}

// The candidate becomes the primary alignment, already multiframe aligned: the octet just received
// (t) is TS0 of its frame 11 (the last MFAS bit).
void RxFramer::adoptCandidate(uint32_t t, uint8_t ts0) {
  (void)t;
  ++counters_.realignments;
  ++counters_.slips;
  lastPosId_ = cand_.posId;
  shift_ = cand_.shift;
  cand_.valid = false;
  psActive_ = false;
  rejectedPosId_ = -1;
  badFasRun_ = 0;
  fasFrame_ = false;
  frame_[0] = ts0;
  phase_ = 1;
  status_.mfAligned = true;
  status_.crc4Active = true;
  crcValid_ = false;
  crcAccumulating_ = false;
  mfPos_ = 11;  // crcFrame() of this frame moves it to 12
}

void RxFramer::lossOfAlignment() {
  status_.frameAligned = false;
  status_.lof = true;
  status_.rai = false;
  raiOnRun_ = raiOffRun_ = 0;
  resetCrc4();
  phase_ = 0;
}

void RxFramer::alignedOctet(uint8_t octet, RxFrameSink* sink) {
  frame_[phase_++] = octet;
  if (phase_ == kFrameOctets) {
    phase_ = 0;
    frameComplete(sink);
  }
}

void RxFramer::frameComplete(RxFrameSink* sink) {
  const uint8_t ts0 = frame_[0];
  ++framesSinceFa_;
  const bool fas = fasFrame_;
  fasFrame_ = !fasFrame_;
  if (fas) {
    if ((ts0 & kFasMask) != kFasPattern) {
      ++counters_.fasErrors;
      if (++badFasRun_ >= kBadFasForLoss) {  // G.706 §4.1.1: three consecutive incorrect FAS
        lossOfAlignment();
        return;
      }
    } else {
      badFasRun_ = 0;
    }
  } else {
    // A-bit: remote alarm indication (G.704 §2.3.2), debounced over kRaiDebounce NFAS frames.
    if (ts0 & kNfasABit) {
      raiOffRun_ = 0;
      if (++raiOnRun_ >= kRaiDebounce) status_.rai = true;
    } else {
      raiOnRun_ = 0;
      if (++raiOffRun_ >= kRaiDebounce) status_.rai = false;
    }
  }

  if (crc4Config_) {
    if (status_.mfAligned) {
      crcFrame(fas);
      if (!status_.frameAligned) return;  // 915-of-1000 rule fired
    } else if (!fas) {
      mfasSearch(static_cast<uint8_t>(ts0 >> 7));
    }
    // G.706 Annex B: no CRC-4 multiframe within 400 ms of primary frame alignment -> the peer is
    // taken to be non-CRC-4 equipment; basic framing is kept, CRC-4 processing is inhibited.
    if (!status_.mfAligned && status_.crc4Active && framesSinceFa_ >= static_cast<uint64_t>(kCrc4FallbackFrames)) {
      status_.crc4Active = false;
      psActive_ = false;
      cand_.valid = false;
    }
    // G.706 §4.2: no multiframe within 8 ms of frame alignment -> parallel search (see parallelOctet).
    if (!status_.mfAligned && status_.crc4Active && !psActive_ &&
        framesSinceFa_ - mfSearchStart_ >= static_cast<uint64_t>(kMfSearchFrames))
      psActive_ = true;
  }

  ++counters_.frames;
  if (sink) sink->onFrame(frame_);
}

// G.706 §4.2: CRC-4 multiframe alignment when two MFAS are found within 8 ms, 2 ms (16 frames) or a
// multiple of 2 ms apart. The search runs continuously (also after the Annex B fallback, so a peer
// that turns CRC-4 on later is picked up again).
void RxFramer::mfasSearch(uint8_t bit1) {
  mfasShift_ = static_cast<uint8_t>(((mfasShift_ << 1) | bit1) & 0x3F);
  if (mfasShift_ != kMfasPattern) return;
  const int64_t now = static_cast<int64_t>(framesSinceFa_);
  if (mfasFirstAt_ >= 0) {
    const int64_t d = now - mfasFirstAt_;
    if (d > 0 && d <= kMfSearchFrames && d % kFramesPerMultiframe == 0) {
      status_.mfAligned = true;
      status_.crc4Active = true;
      psActive_ = false;
      cand_.valid = false;
      crcValid_ = false;
      crcAccumulating_ = false;
      mfPos_ = 12;  // this NFAS frame carried the last MFAS bit (frame 11); the next one is 12
      return;
    }
  }
  mfasFirstAt_ = now;
}

// Per frame while multiframe aligned: CRC-4 over each SMF (C-bits taken as 0), compared with the
// C-bits of the next SMF (G.704 §2.3.3.5.2, G.706 §4.3.1); E-bits in frames 13 and 15 counted as far
// end block errors; 915 or more errored SMFs out of 1000 -> loss of frame alignment (G.706 §4.3.2).
void RxFramer::crcFrame(bool fas) {
  const int f = mfPos_;
  mfPos_ = (f + 1) & 15;
  const uint8_t ts0 = frame_[0];
  if ((f & 7) == 0) {
    crcAccumulating_ = true;
    crcRunning_ = 0;
    cBits_ = 0;
  }
  if (fas) {
    cBits_ = static_cast<uint8_t>(cBits_ | (((ts0 >> 7) & 1) << (3 - ((f & 7) >> 1))));
  } else if (f == 13 || f == 15) {
    if ((ts0 & kBit1) == 0) ++counters_.febe;
  }
  if (!crcAccumulating_) return;
  uint8_t c = Crc4::update(crcRunning_, fas ? static_cast<uint8_t>(ts0 & ~kBit1) : ts0);
  for (int i = 1; i < kFrameOctets; ++i) c = Crc4::update(c, frame_[i]);
  crcRunning_ = c;
  if ((f & 7) != 7) return;
  // End of an SMF: its C-bits carry the CRC of the previous SMF.
  if (crcValid_) {
    const bool errored = cBits_ != crcPrev_;
    if (errored) ++counters_.crcErrors;
    pushSmfResult(errored);
    ++smfInWindow_;
    if (errored) ++smfErroredInWindow_;
    if (smfInWindow_ >= kCrcWindowSmf) {
      const bool lose = smfErroredInWindow_ >= kCrcLossThreshold;
      smfInWindow_ = 0;
      smfErroredInWindow_ = 0;
      if (lose) {
        lossOfAlignment();
        return;
      }
    }
  }
  crcPrev_ = crcRunning_;
  crcValid_ = true;
}

}  // namespace tandem::e1
