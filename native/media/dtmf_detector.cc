// In-band DTMF receiver; see dtmf_detector.h.
#include "media/dtmf_detector.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#ifdef TANDEM_DTMF_TRACE
#include <cstdio>
#endif

namespace tandem::media {

const float kDtmfLow[4] = {697.0f, 770.0f, 852.0f, 941.0f};
const float kDtmfHigh[4] = {1209.0f, 1336.0f, 1477.0f, 1633.0f};

namespace {
constexpr char kKeys[4][5] = {"123A", "456B", "789C", "*0#D"};
constexpr float kPi = 3.14159265358979f;
constexpr float kFs = 8000.0f;
constexpr float kMaxDrift = 8.0f;  // Hz per 10 ms (the measurement itself wanders by ~±3 Hz)
constexpr float kBalance = 0.44f;  // share of the window energy each 10 ms half must hold (23 ms tones: at most 0.41)

inline float wrapPi(float a) {
  while (a > kPi) a -= 2 * kPi;
  while (a < -kPi) a += 2 * kPi;
  return a;
}
}  // namespace

char dtmfDigit(int row, int col) { return kKeys[row][col]; }

bool dtmfRowCol(char d, int* row, int* col) {
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 4; ++c)
      if (kKeys[r][c] == d) {
        *row = r;
        *col = c;
        return true;
      }
  return false;
}

int dtmfEventCode(char d) {
  if (d >= '0' && d <= '9') return d - '0';
  if (d == '*') return 10;
  if (d == '#') return 11;
  if (d >= 'A' && d <= 'D') return 12 + (d - 'A');
  return -1;
}

char dtmfDigitOfEvent(int code) {
  static const char kCodes[] = "0123456789*#ABCD";
  return code >= 0 && code < 16 ? kCodes[code] : 0;
}

float sineAmplitudeDbm0(float dbm0) { return 32768.0f * std::pow(10.0f, (dbm0 - 3.14f) / 20.0f); }

DtmfDetector::DtmfDetector(const DtmfDetectorConfig& c) : c_(c) {
  for (int i = 0; i < 8; ++i) {
    const float f = i < 4 ? kDtmfLow[i] : kDtmfHigh[i - 4];
    const float w = 2 * kPi * f / kFs;
    nominalAdvance_[i] = wrapPi(std::fmod(w * kBlock, 2 * kPi));
    cosAdv_[i] = std::cos(w * kBlock);
    sinAdv_[i] = std::sin(w * kBlock);
  }
  const float a0 = sineAmplitudeDbm0(0.0f);
  levelRef_ = a0 * a0 / 2.0f;
  // A valid window has two tones of at least minLevel and each block at least kBalance of the window
  // energy; gate blocks 6 dB below the least such block.
  gateEnergy_ = 2.0f * levelRef_ * std::pow(10.0f, c_.minLevelDbm0 / 10.0f) * 2.0f * kBlock * kBalance * 0.25f;
  reset();
}

void DtmfDetector::reset() {
  for (int i = 0; i < 8; ++i) re_[i] = im_[i] = prevRe_[i] = prevIm_[i] = 0.0f;
  energy_ = 0.0f;
  n_ = 0;
  idle_ = false;
  havePrev_ = false;
  prevEnergy_ = 0.0f;
  lastWinDigit_ = 0;
  candidate_ = 0;
  candidateRun_ = 0;
  current_ = 0;
  offRun_ = 0;
  qHead_ = qLen_ = 0;
}

void DtmfDetector::push(char d, bool begin, uint64_t at) {
  if (qLen_ == kMaxEvents) {
    qHead_ = (qHead_ + 1) % kMaxEvents;
    --qLen_;
    ++overrun_;
  }
  q_[(qHead_ + qLen_) % kMaxEvents] = DtmfDetection{d, begin, at};
  ++qLen_;
}

bool DtmfDetector::poll(DtmfDetection* out) {
  if (qLen_ == 0) return false;
  *out = q_[qHead_];
  qHead_ = (qHead_ + 1) % kMaxEvents;
  --qLen_;
  return true;
}

void DtmfDetector::process(const int16_t* x, size_t n) {
  for (size_t k = 0; k < n;) {
    if (n_ == 0 && n - k >= static_cast<size_t>(kBlock)) {
      // A whole block at once (the media channel feeds 10 ms blocks): the energy in integers (exact,
      // and vectorised), the block copied for the filters only when it passes the signal gate.
      const int16_t* b = x + k;
      int64_t e = 0;
      for (int j = 0; j < kBlock; ++j) e += static_cast<int32_t>(b[j]) * b[j];
      energy_ = static_cast<float>(e);
      k += kBlock;
      sample_ += kBlock;
      const bool loud = energy_ >= gateEnergy_;
      if (loud) {
        for (int j = 0; j < kBlock; ++j) block_[j] = static_cast<float>(b[j]);
        runFilters();
      } else {
        for (int i = 0; i < 8; ++i) re_[i] = im_[i] = 0.0f;
      }
      endBlock(loud);
      continue;
    }
    const size_t m = std::min(n - k, static_cast<size_t>(kBlock - n_));
    float e = energy_;
    for (size_t j = 0; j < m; ++j) {
      const float v = static_cast<float>(x[k + j]);
      block_[n_ + static_cast<int>(j)] = v;
      e += v * v;
    }
    energy_ = e;
    k += m;
    sample_ += m;
    n_ += static_cast<int>(m);
    if (n_ == kBlock) {
      // Signal-presence gate: a block too quiet to be half of a valid window skips the filters.
      if (energy_ >= gateEnergy_) runFilters();
      else for (int i = 0; i < 8; ++i) re_[i] = im_[i] = 0.0f;
      endBlock(energy_ >= gateEnergy_);
    }
  }
}

namespace {
// e^{jw(N-1-n)} for the eight DTMF frequencies, n = 0..N-1, sample-major (8 frequencies side by side).
struct DftTables {
  float c[DtmfDetector::kBlock][8];
  float s[DtmfDetector::kBlock][8];
};
const DftTables& dftTables() {
  static const DftTables t = [] {
    DftTables d{};
    for (int i = 0; i < 8; ++i) {
      const double f = i < 4 ? kDtmfLow[i] : kDtmfHigh[i - 4];
      const double w = 2.0 * M_PI * f / 8000.0;
      for (int n = 0; n < DtmfDetector::kBlock; ++n) {
        d.c[n][i] = static_cast<float>(std::cos(w * (DtmfDetector::kBlock - 1 - n)));
        d.s[n][i] = static_cast<float>(std::sin(w * (DtmfDetector::kBlock - 1 - n)));
      }
    }
    return d;
  }();
  return t;
}
}  // namespace

// The block's value at the eight frequencies, y = sum x[n] e^{jw(N-1-n)} = e^{jw(N-1)} DFT(w): what
// the Goertzel recursion gives (s1 - s2 e^{-jw}), computed directly: no dependency from one sample to
// the next (the recursion's multiply-add chain is the detector's cost when lines carry signal), and
// the eight frequencies side by side vectorise. Two partial sums (even/odd samples) halve the chain.
void DtmfDetector::runFilters() {
  const DftTables& t = dftTables();
  float re0[8] = {}, im0[8] = {}, re1[8] = {}, im1[8] = {};
  for (int n = 0; n < kBlock; n += 2) {
    const float v0 = block_[n], v1 = block_[n + 1];
    for (int i = 0; i < 8; ++i) {
      re0[i] += v0 * t.c[n][i];
      im0[i] += v0 * t.s[n][i];
      re1[i] += v1 * t.c[n + 1][i];
      im1[i] += v1 * t.s[n + 1][i];
    }
  }
  for (int i = 0; i < 8; ++i) {
    re_[i] = re0[i] + re1[i];
    im_[i] = im0[i] + im1[i];
  }
}

void DtmfDetector::endBlock(bool computed) {
  // This 10 ms block's outputs (runFilters): y = e^{jw(N-1)} * DFT of the block at w.
  float re[8], im[8];
  for (int i = 0; i < 8; ++i) {
    re[i] = re_[i];
    im[i] = im_[i];
    re_[i] = im_[i] = 0.0f;
  }
  const float energy = energy_;
  energy_ = 0.0f;
  n_ = 0;
  idle_ = false;
  const uint64_t blockStart = sample_ - kBlock;
  if (!computed || !havePrev_) {
    // No window ends here: a gated (quiet) block, or the first one after it. It counts as a block
    // without a digit for the state machine.
    for (int i = 0; i < 8; ++i) {
      prevRe_[i] = re[i];
      prevIm_[i] = im[i];
    }
    prevEnergy_ = energy;
    havePrev_ = computed;
    lastWinDigit_ = 0;
    advance(0, blockStart - kBlock);
    idle_ = !computed && current_ == 0;  // advance(0) left nothing pending: quiet blocks are no-ops now
    return;
  }
  // The 20 ms window (previous block + this one), hop 10 ms: DFT = y_prev + e^{-jwN} y_this.
  float pw[8];
  for (int i = 0; i < 8; ++i) {
    const float c = cosAdv_[i], sn = sinAdv_[i];
    const float wr = prevRe_[i] + c * re[i] + sn * im[i];
    const float wi = prevIm_[i] + c * im[i] - sn * re[i];
    pw[i] = wr * wr + wi * wi;
  }
  const float windowEnergy = prevEnergy_ + energy;
  constexpr int kWin = 2 * kBlock;

  char digit = 0;
  int r = 0, c = 4;
  for (int i = 1; i < 4; ++i) if (pw[i] > pw[r]) r = i;
  for (int i = 5; i < 8; ++i) if (pw[i] > pw[c]) c = i;
  // Frequency of each candidate tone: its phase advance from the previous block to this one, less
  // the nominal advance, is 2 pi df N / fs. The window's response to a tone df off the bin centre is
  // |sin(pi df W / fs) / (W sin(pi df / fs))|: undo it, so level, twist and purity do not depend on
  // where the tone sits within the tolerance.
  bool valid = true;
  float dfs[2];
  int t = 0;
  for (int i : {r, c}) {
    const float f = i < 4 ? kDtmfLow[i] : kDtmfHigh[i - 4];
    const float dphi = std::atan2(im[i], re[i]) - std::atan2(prevIm_[i], prevRe_[i]);
    const float df = wrapPi(dphi - nominalAdvance_[i]) * kFs / (2 * kPi * kBlock);
    if (std::fabs(df) > f * c_.freqTolerancePct / 100.0f) valid = false;
    dfs[t++] = df;
    const float x = kPi * df / kFs;
    const float g = std::fabs(x) < 1e-6f ? 1.0f : std::fabs(std::sin(x * kWin) / (kWin * std::sin(x)));
    pw[i] /= std::max(g, 0.3f) * std::max(g, 0.3f);
#ifdef TANDEM_DTMF_TRACE
    std::fprintf(stderr, "   f=%.0f df=%.1f Hz gain=%.2f\n", f, df, g);
#endif
  }
  // Mean-square level of a tone: |X|^2 = (A W / 2)^2 and A^2 / 2 = 2 |X|^2 / W^2.
  const float w2 = static_cast<float>(kWin) * kWin;
  const float lowMs = 2.0f * pw[r] / w2, highMs = 2.0f * pw[c] / w2;
  const float minMs = levelRef_ * std::pow(10.0f, c_.minLevelDbm0 / 10.0f);
  if (valid) valid = lowMs >= minMs && highMs >= minMs;
  if (valid) {
    const float twistDb = 10.0f * std::log10(highMs / lowMs);  // > 0: high group stronger
    valid = twistDb <= c_.maxNormalTwistDb && -twistDb <= c_.maxReverseTwistDb;
  }
  if (valid) {
    const float dom = std::pow(10.0f, c_.groupDominanceDb / 10.0f);
    for (int i = 0; i < 4 && valid; ++i) if (i != r && pw[i] * dom > pw[r]) valid = false;
    for (int i = 4; i < 8 && valid; ++i) if (i != c && pw[i] * dom > pw[c]) valid = false;
  }
  if (valid) valid = (lowMs + highMs) * kWin >= c_.minPurity * windowEnergy;  // talk-off guard
  // Both halves of the window carry the tone alike (a window straddling a tone's start or end does
  // not count: this is what keeps tones of 23 ms or less out).
  if (valid) valid = prevEnergy_ >= kBalance * windowEnergy && energy >= kBalance * windowEnergy;
  if (valid) digit = dtmfDigit(r, c - 4);
  // A tone holds its frequency; speech harmonics glide with the pitch. Within a candidate run the
  // measured offsets may move by at most kMaxDrift Hz from one window to the next.
  steady_ = digit != 0 && digit == lastWinDigit_ && std::fabs(dfs[0] - lastDf_[0]) <= kMaxDrift &&
            std::fabs(dfs[1] - lastDf_[1]) <= kMaxDrift;
  lastWinDigit_ = digit;
  if (digit != 0) {
    lastDf_[0] = dfs[0];
    lastDf_[1] = dfs[1];
  }
#ifdef TANDEM_DTMF_TRACE
  std::fprintf(stderr, "win@%llu r=%d c=%d low=%.1f high=%.1f dBm0 purity=%.2f digit=%c |", (unsigned long long)(blockStart - kBlock), r,
               c - 4, 10 * std::log10(lowMs / levelRef_ + 1e-12), 10 * std::log10(highMs / levelRef_ + 1e-12),
               (lowMs + highMs) * kWin / (windowEnergy + 1e-9), digit ? digit : '-');
  for (int i = 0; i < 8; ++i) std::fprintf(stderr, " %.1f", 10 * std::log10(2.0f * pw[i] / w2 / levelRef_ + 1e-12));
  std::fprintf(stderr, "\n");
#endif
  for (int i = 0; i < 8; ++i) {
    prevRe_[i] = re[i];
    prevIm_[i] = im[i];
  }
  prevEnergy_ = energy;
  advance(digit, blockStart - kBlock);
}

void DtmfDetector::advance(char digit, uint64_t windowStart) {
  const bool steady = steady_;
  if (current_ != 0) {
    if (digit == current_) {
      offRun_ = 0;
      return;
    }
    if (++offRun_ < c_.offBlocks) return;
    push(current_, false, windowStart + kBlock - static_cast<uint64_t>(kBlock) * (c_.offBlocks - 1));
    current_ = 0;
    offRun_ = 0;
    candidate_ = 0;
    candidateRun_ = 0;
  }
  if (digit != 0 && digit == candidate_ && steady) {
    ++candidateRun_;
  } else {
    candidate_ = digit;
    candidateRun_ = digit ? 1 : 0;
    candidateStart_ = windowStart;
  }
  if (candidate_ != 0 && candidateRun_ >= c_.onBlocks) {
    current_ = candidate_;
    offRun_ = 0;
    push(current_, true, candidateStart_);
  }
}

}  // namespace tandem::media
