// Packet loss concealment for G.711 per ITU-T G.711 Appendix I (09/1999), on 10 ms frames of 8 kHz
// linear PCM. Pure and deterministic; no allocation after construction.
//
//  - I.2.1 The output runs 3.75 ms (30 samples) behind the input, so that the start of a loss can be
//    blended into the last received samples. A history of 48.75 ms (390 samples) is kept.
//  - I.2.2 At the first lost frame the pitch period is estimated: the normalised cross-correlation of
//    the last 20 ms with the history, searched over 40..120 samples (200..66 Hz), coarse at 4 kHz
//    and refined at 8 kHz.
//  - I.2.3/I.2.4 The last pitch period is repeated; the last quarter period before the loss is
//    overlap-added with the quarter period before the repeated one, so the loop joins smoothly.
//  - I.2.5 From the second lost frame the repeated segment grows to two, then three periods (less
//    buzz), each switch blended over a quarter period; the signal is attenuated by 20 % per 10 ms
//    from the second frame on, so it is silent 60 ms after the loss started.
//  - I.2.6 The first good frame after a loss is blended with the continued synthetic signal over a
//    quarter period plus 4 ms per extra lost frame (at most 10 ms).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

class G711Plc {
 public:
  static constexpr int kFrame = 80;              // 10 ms
  static constexpr int kPitchMin = 40;           // 200 Hz
  static constexpr int kPitchMax = 120;          // 66.7 Hz
  static constexpr int kOverlapMax = kPitchMax / 4;        // 30 samples = the output delay
  static constexpr int kHistory = kPitchMax * 3 + kOverlapMax;  // 390
  static constexpr int kCorrLen = 160;           // 20 ms
  static constexpr int kOverlapIncr = 32;        // 4 ms per extra lost frame (I.2.6)
  static constexpr float kAttenPerFrame = 0.2f;  // I.2.5

  G711Plc();
  void reset();
  // A received frame: 80 samples in, the 80 samples to play out (30 samples later) in `out`.
  void good(const int16_t* in, int16_t* out);
  // A lost frame: the 80 samples to play out.
  void lost(int16_t* out);
  // Replaces the history with the last kHistory samples received (oldest first), as if they had been
  // given to good(); only between losses (erasedFrames() == 0). Lets a caller skip good() while
  // nothing is lost and keep the received signal itself instead (MediaChannel keeps G.711 octets).
  void setHistory(const int16_t* h);

  int erasedFrames() const { return erased_; }
  int lastPitch() const { return pitch_; }

 private:
  int findPitch() const;
  void synth(float* out, int n);   // continues the repeated segment, advancing the read offset
  void pushHistory(const int16_t* x, int n);

  // History ring without a shift per frame: the last kHistory samples are buf_[base_ .. base_ + kHistory);
  // pushes append after them and the window moves; one memmove when the buffer's end is reached.
  static constexpr int kBuf = kHistory * 8;
  int16_t buf_[kBuf];
  int base_ = 0;
  int16_t* hist() { return buf_ + base_; }
  const int16_t* hist() const { return buf_ + base_; }
  float pbuf_[kHistory];   // history at the start of the loss (float), the repeated segment's source
  float lastq_[kOverlapMax];
  int erased_ = 0;         // consecutive lost frames so far
  int pitch_ = 0;
  int overlap_ = 0;        // quarter pitch period
  int segLen_ = 0;         // length of the repeated segment (1, 2 or 3 periods)
  int segStart_ = 0;       // kHistory - segLen_
  int offset_ = 0;         // read position in the segment
  float gain_ = 1.0f;
};

}  // namespace tandem::media
