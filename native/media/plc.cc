// G.711 Appendix I packet loss concealment; see plc.h for the clauses implemented.
#include "media/plc.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tandem::media {

namespace {

inline int16_t toPcm(float v) {
  const float r = std::nearbyint(v);
  if (r > 32767.0f) return 32767;
  if (r < -32768.0f) return -32768;
  return static_cast<int16_t>(r);
}

// Overlap-add with triangular windows: l fades out, r fades in (I.2.3).
void overlapAdd(const float* l, const float* r, float* out, int n) {
  if (n <= 0) return;
  const float incr = 1.0f / static_cast<float>(n + 1);
  float rw = incr;
  for (int i = 0; i < n; ++i, rw += incr) out[i] = l[i] * (1.0f - rw) + r[i] * rw;
}

}  // namespace

G711Plc::G711Plc() { reset(); }

void G711Plc::reset() {
  std::memset(buf_, 0, sizeof buf_);
  base_ = 0;
  std::memset(pbuf_, 0, sizeof pbuf_);
  erased_ = 0;
  pitch_ = kPitchMax;
  overlap_ = pitch_ >> 2;
  segLen_ = pitch_;
  segStart_ = kHistory - segLen_;
  offset_ = 0;
  gain_ = 1.0f;
}

void G711Plc::pushHistory(const int16_t* x, int n) {
  if (base_ + kHistory + n > kBuf) {
    std::memmove(buf_, buf_ + base_, sizeof(int16_t) * kHistory);
    base_ = 0;
  }
  std::memcpy(buf_ + base_ + kHistory, x, sizeof(int16_t) * static_cast<size_t>(n));
  base_ += n;
}

void G711Plc::setHistory(const int16_t* h) {
  if (erased_ != 0) return;
  base_ = 0;
  std::memcpy(buf_, h, sizeof(int16_t) * kHistory);
}

// I.2.2: pitch by normalised cross-correlation of the last 20 ms against the history.
int G711Plc::findPitch() const {
  const float* ref = pbuf_ + kHistory - kCorrLen;
  auto score = [&](int lag, int step) {
    const float* x = ref - lag;
    double num = 0.0, energy = 0.0;
    for (int i = 0; i < kCorrLen; i += step) {
      num += static_cast<double>(ref[i]) * x[i];
      energy += static_cast<double>(x[i]) * x[i];
    }
    // A silent candidate would divide by ~0; floor the energy (equivalent to "no preference").
    return num / std::sqrt(std::max(energy, 1.0));
  };
  int best = kPitchMin;
  double bestScore = -1e300;
  for (int lag = kPitchMin; lag <= kPitchMax; lag += 2) {  // coarse: 4 kHz (every other sample and lag)
    const double s = score(lag, 2);
    if (s > bestScore) {
      bestScore = s;
      best = lag;
    }
  }
  const int lo = std::max(kPitchMin, best - 1), hi = std::min(kPitchMax, best + 1);
  int fine = best;
  bestScore = -1e300;
  for (int lag = lo; lag <= hi; ++lag) {  // fine: 8 kHz around the coarse peak
    const double s = score(lag, 1);
    if (s > bestScore) {
      bestScore = s;
      fine = lag;
    }
  }
  return fine;
}

void G711Plc::synth(float* out, int n) {
  for (int i = 0; i < n; ++i) {
    out[i] = pbuf_[segStart_ + offset_];
    if (++offset_ >= segLen_) offset_ = 0;
  }
}

void G711Plc::good(const int16_t* in, int16_t* out) {
  int16_t buf[kFrame];
  std::memcpy(buf, in, sizeof buf);
  if (erased_ > 0) {
    // I.2.6: blend the continued synthetic signal into the first good frame.
    const int olen = std::min(overlap_ + (erased_ - 1) * kOverlapIncr, kFrame);
    float syn[kFrame], real[kFrame], mixed[kFrame];
    const bool silent = gain_ <= 0.0f;
    synth(syn, olen);
    for (int i = 0; i < olen; ++i) {
      syn[i] = silent ? 0.0f : syn[i] * gain_;
      real[i] = in[i];
    }
    overlapAdd(syn, real, mixed, olen);
    for (int i = 0; i < olen; ++i) buf[i] = toPcm(mixed[i]);
    erased_ = 0;
    gain_ = 1.0f;
  }
  pushHistory(buf, kFrame);
  std::memcpy(out, hist() + kHistory - kOverlapMax - kFrame, sizeof(int16_t) * kFrame);
}

void G711Plc::lost(int16_t* out) {
  float f[kFrame];
  int done = 0;
  if (erased_ == 0) {
    // I.2.2/I.2.3: start of a loss.
    for (int i = 0; i < kHistory; ++i) pbuf_[i] = hist()[i];
    pitch_ = findPitch();
    overlap_ = pitch_ >> 2;
    segLen_ = pitch_;
    segStart_ = kHistory - segLen_;
    offset_ = 0;
    gain_ = 1.0f;
    // Join the loop: the real last quarter period fades into the quarter period before the repeated one.
    for (int i = 0; i < overlap_; ++i) lastq_[i] = pbuf_[kHistory - overlap_ + i];
    overlapAdd(lastq_, pbuf_ + segStart_ - overlap_, pbuf_ + kHistory - overlap_, overlap_);
    // Those samples are still in the not-yet-played delay line (overlap_ <= 30): update them there too.
    for (int i = 0; i < overlap_; ++i) hist()[kHistory - overlap_ + i] = toPcm(pbuf_[kHistory - overlap_ + i]);
  } else if (erased_ == 1 || erased_ == 2) {
    // I.2.5: repeat two, then three periods; blend the switch over a quarter period.
    const int keep = offset_;
    synth(lastq_, overlap_);  // how the old segment would have continued
    offset_ = keep;           // same phase, one period further back in the longer segment
    segLen_ += pitch_;
    segStart_ = kHistory - segLen_;
    float next[kOverlapMax];
    synth(next, overlap_);
    overlapAdd(lastq_, next, f, overlap_);
    done = overlap_;
  }
  if (erased_ >= 6) {
    std::fill(f, f + kFrame, 0.0f);
    gain_ = 0.0f;
  } else {
    synth(f + done, kFrame - done);
    if (erased_ >= 1) {
      // I.2.5: 20 % per 10 ms, as a ramp across the frame.
      const float step = kAttenPerFrame / static_cast<float>(kFrame);
      float g = gain_;
      for (int i = 0; i < kFrame; ++i) {
        f[i] *= std::max(g, 0.0f);
        g -= step;
      }
      gain_ = std::max(g, 0.0f);
    }
  }
  int16_t pcm[kFrame];
  for (int i = 0; i < kFrame; ++i) pcm[i] = toPcm(f[i]);
  pushHistory(pcm, kFrame);
  std::memcpy(out, hist() + kHistory - kOverlapMax - kFrame, sizeof(int16_t) * kFrame);
  ++erased_;
}

}  // namespace tandem::media
