// Tone generation for 8 kHz linear PCM: DTMF digits (Q.23) and call-progress tones (E.180 cadences).
// A tone is up to four frequency components, each with its level in dBm0, switched by a cadence of
// on/off intervals that repeats (or plays once). Oscillators are second-order recursions in double
// precision, restarted at each on-interval; no allocation, no trigonometry per sample.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

struct ToneSpec {
  static constexpr int kMaxFreq = 4;
  static constexpr int kMaxCadence = 8;
  int nFreq = 0;
  float freqHz[kMaxFreq] = {};
  float levelDbm0[kMaxFreq] = {};
  int nCadence = 0;                    // 0 = continuous
  uint32_t cadenceMs[kMaxCadence] = {};  // on, off, on, off, ...
  bool repeat = true;                  // false: the cadence plays once, then silence
};

class ToneGenerator {
 public:
  void start(const ToneSpec& spec);
  void stop() { active_ = false; }
  bool active() const { return active_; }
  // Writes n samples (silence when off or inactive).
  void generate(int16_t* out, size_t n);

 private:
  void startInterval();

  ToneSpec spec_;
  bool active_ = false;
  int seg_ = 0;            // index in the cadence
  uint32_t left_ = 0;      // samples left in the current interval
  double k_[ToneSpec::kMaxFreq] = {};   // 2 cos(w)
  double y1_[ToneSpec::kMaxFreq] = {}, y2_[ToneSpec::kMaxFreq] = {};
};

// Q.23 DTMF: the row and column frequencies of `digit` for onMs, then silence. False for a bad digit.
bool dtmfToneSpec(char digit, float lowDbm0, float highDbm0, uint32_t onMs, ToneSpec* out);

}  // namespace tandem::media
