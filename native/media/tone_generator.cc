// Tone generator; see tone_generator.h.
#include "media/tone_generator.h"

#include <cmath>

#include "media/dtmf_detector.h"

namespace tandem::media {

void ToneGenerator::start(const ToneSpec& spec) {
  spec_ = spec;
  active_ = true;
  seg_ = 0;
  startInterval();
}

void ToneGenerator::startInterval() {
  left_ = spec_.nCadence == 0 ? UINT32_MAX : spec_.cadenceMs[seg_] * 8u;
  if ((seg_ & 1) == 0) {
    for (int i = 0; i < spec_.nFreq; ++i) {
      const double w = 2.0 * M_PI * spec_.freqHz[i] / 8000.0;
      const double a = sineAmplitudeDbm0(spec_.levelDbm0[i]);
      k_[i] = 2.0 * std::cos(w);
      // y[n] = A sin(w n): seed y[-1] and y[-2].
      y1_[i] = a * std::sin(-w);
      y2_[i] = a * std::sin(-2.0 * w);
    }
  }
}

void ToneGenerator::generate(int16_t* out, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    if (!active_) {
      out[k] = 0;
      continue;
    }
    if (left_ == 0) {
      if (++seg_ >= spec_.nCadence) {
        if (!spec_.repeat) {
          active_ = false;
          out[k] = 0;
          continue;
        }
        seg_ = 0;
      }
      startInterval();
    }
    double v = 0.0;
    if ((seg_ & 1) == 0) {
      for (int i = 0; i < spec_.nFreq; ++i) {
        const double y = k_[i] * y1_[i] - y2_[i];
        y2_[i] = y1_[i];
        y1_[i] = y;
        v += y;
      }
    }
    // round half away from zero, as lround (a libc call per sample otherwise)
    const long r = v >= 0.0 ? static_cast<long>(v + 0.5) : -static_cast<long>(0.5 - v);
    out[k] = static_cast<int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
    if (left_ != UINT32_MAX) --left_;
  }
}

bool dtmfToneSpec(char digit, float lowDbm0, float highDbm0, uint32_t onMs, ToneSpec* out) {
  int r = 0, c = 0;
  if (!dtmfRowCol(digit, &r, &c)) return false;
  ToneSpec s;
  s.nFreq = 2;
  s.freqHz[0] = kDtmfLow[r];
  s.freqHz[1] = kDtmfHigh[c];
  s.levelDbm0[0] = lowDbm0;
  s.levelDbm0[1] = highDbm0;
  s.nCadence = 1;
  s.cadenceMs[0] = onMs;
  s.repeat = false;
  *out = s;
  return true;
}

}  // namespace tandem::media
