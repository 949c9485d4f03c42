// In-band DTMF receiver for 8 kHz linear PCM, after ITU-T Q.24 (and the Q.23 frequency plan).
//
// The complex response at the eight Q.23 frequencies over each 10 ms block (80 samples: what
// Goertzel filters give, computed as a direct 8-bin DFT, see runFilters); two consecutive blocks combine into a 20 ms analysis window (hop 10 ms), whose
// narrower bins separate the tones of a group and keep leakage from the other group small. A window
// is valid for a digit when
//  - the strongest tone of each group is at least minLevelDbm0 (per frequency),
//  - each beats the other tones of its group by groupDominanceDb,
//  - twist is within limits: high group above low by at most maxNormalTwistDb ("normal" twist, the
//    Q.23 pre-emphasis direction), low above high by at most maxReverseTwistDb,
//  - the two tones carry at least minPurity of the window's energy (talk-off: speech spreads its
//    energy over many harmonics and formants; a DTMF pair is two lines; a window only partly filled
//    by a tone scores its filled fraction),
//  - and the phase advance of each tone from the first block to the second puts its frequency within
//    freqTolerancePct of nominal (Q.24: operate within ±1.5 %, must not operate beyond ±3.5 %; the
//    limit sits between them). The phase advance measures frequency far finer than the bin width:
//    Δφ = 2π f N / fs.
// A tone holds its frequency while speech harmonics glide: within a run, the measured offsets may
// move by at most 8 Hz per 10 ms.
// A digit starts after onBlocks consecutive valid windows of the same digit (2, i.e. 30 ms of tone:
// a 40 ms tone always fills 3 blocks; a tone of 23 ms or less fills at most 2, and windows with a
// partial block fall below minPurity) and ends after offBlocks consecutive windows that are not
// (4: a 10 ms interruption spoils at most 3 windows; a 40 ms pause spoils at least 4).
// A block whose energy is too low to be half of a valid window (6 dB below the least such block)
// skips the filters: silence costs almost nothing.
// Pure and deterministic; no allocation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

struct DtmfDetectorConfig {
  float minLevelDbm0 = -30.0f;
  float maxNormalTwistDb = 4.0f;
  float maxReverseTwistDb = 8.0f;
  float groupDominanceDb = 6.0f;
  float minPurity = 0.85f;
  float freqTolerancePct = 2.0f;
  int onBlocks = 2;   // windows
  int offBlocks = 4;  // windows
};

struct DtmfDetection {
  char digit;            // '0'-'9', '*', '#', 'A'-'D'
  bool begin;            // true: digit started; false: digit ended
  uint64_t sample;       // sample index (from the first sample processed) of the start/end block
};

class DtmfDetector {
 public:
  static constexpr int kBlock = 80;
  static constexpr int kMaxEvents = 8;

  explicit DtmfDetector(const DtmfDetectorConfig& c = {});
  void reset();
  // Feeds samples; detections made are queued (at most kMaxEvents between polls; older ones are
  // overwritten and counted).
  void process(const int16_t* x, size_t n);
  // A whole 10 ms block whose sum of squares is below the signal gate, while nothing is going on (the
  // last block was quiet too, no digit): the block changes nothing but the sample count, so only that
  // moves. Returns false when that does not hold: then process() the block. Exactly the same results
  // as process(); lets a caller skip the detector's state (cache misses) on idle lines.
  bool skipQuietBlock(int64_t sumSquares) {
    if (!idle_ || n_ != 0 || static_cast<float>(sumSquares) >= gateEnergy_) return false;
    sample_ += kBlock;
    return true;
  }
  bool poll(DtmfDetection* out);
  bool pending() const { return qLen_ != 0; }  // inline: read next to the gate's fields
  void prefetchGate() const { __builtin_prefetch(&idle_); }  // cache hint before skipQuietBlock()
  char current() const { return current_; }  // digit being received, or 0
  uint64_t overrun() const { return overrun_; }

 private:
  void runFilters();
  void endBlock(bool computed);
  void advance(char digit, uint64_t windowStart);
  void push(char d, bool begin, uint64_t at);

  // touched by skipQuietBlock(), together
  bool idle_ = false;         // the last block was gated and no digit is on or pending
  int n_ = 0;
  uint64_t sample_ = 0;       // samples processed
  float gateEnergy_ = 0.0f;
  int qLen_ = 0;              // detections queued (q_ below)

  DtmfDetectorConfig c_;
  float nominalAdvance_[8];  // 2π f N / fs modulo 2π
  float re_[8], im_[8];        // the last block's value at the eight frequencies (runFilters)
  float block_[kBlock];
  bool steady_ = false;
  float energy_ = 0.0f;
  float prevRe_[8], prevIm_[8];
  bool havePrev_ = false;
  char lastWinDigit_ = 0;      // digit the previous window was valid for
  float lastDf_[2] = {0, 0};   // its measured frequency offsets (low, high), Hz
  float prevEnergy_ = 0.0f;
  float cosAdv_[8], sinAdv_[8];  // e^{-jwN}: aligns a block's DFT after the previous one's
  char candidate_ = 0;
  int candidateRun_ = 0;
  char current_ = 0;
  int offRun_ = 0;
  uint64_t candidateStart_ = 0;
  float levelRef_ = 0.0f;     // power (mean square) of a sine at 0 dBm0
  DtmfDetection q_[kMaxEvents];
  int qHead_ = 0;
  uint64_t overrun_ = 0;
};

// Q.23: rows 697/770/852/941 Hz, columns 1209/1336/1477/1633 Hz.
extern const float kDtmfLow[4];
extern const float kDtmfHigh[4];
char dtmfDigit(int row, int col);
bool dtmfRowCol(char digit, int* row, int* col);  // false for an unknown digit
// RFC 4733 §3.2 event codes: 0-9, * = 10, # = 11, A-D = 12-15.
int dtmfEventCode(char digit);   // -1 if not a DTMF digit
char dtmfDigitOfEvent(int code); // 0 if out of range

// Amplitude of a sine at `dbm0` in the 16-bit linear scale (G.711 A-law: 0 dBm0 = +3.14 dB below the
// overload amplitude 32768, G.711 §2).
float sineAmplitudeDbm0(float dbm0);

}  // namespace tandem::media
