// Adaptive jitter buffer for one RTP stream, in fixed frames (the channel uses 10 ms = 80 G.711
// octets; a 20 or 30 ms packet is put as 2 or 3 consecutive frames). Pure: no clock of its own, no
// allocation after construction, no locks; get() is called once per frame period by the playout
// clock (the engine tick), put() whenever a packet arrives. Frame indices are the RTP timestamp
// divided by the frame length (RFC 3550 §5.1: the timestamp, not the sequence number, orders media),
// compared modulo 2^32.
//
// Behaviour (scenario scripts in test/unit/media/jb/ pin it down):
//  - Prefetch: after a (re)start, get() returns Empty until `initial` frames are buffered.
//  - A frame present at the playout index is played (Normal). A missing frame with later frames
//    already buffered is Lost (the caller conceals it, G.711 Appendix I) and playout moves on.
//  - Underflow: nothing at or after the playout index has arrived. The buffer conceals one frame
//    without advancing, so the delay grows by one frame: late-but-not-lost frames are still played
//    (this is how the buffer grows under jitter, up to `max`).
//  - After `resyncFrames` consecutive underflows the stream is taken as paused (silence, DTX, end of a
//    talkspurt): the buffer returns Empty and re-anchors on the next frame (prefetching again).
//  - A frame older than the playout index is Late, a frame already buffered a Duplicate: both are
//    discarded and counted. A frame further ahead than the buffer can hold pushes playout forward
//    (Overflow, the skipped frames are dropped and counted); a jump of more than `resetJumpFrames`
//    either way restarts the buffer (stream restart, SSRC change is reset() by the caller).
//  - Shrinking: the lowest buffer level seen over the last `window` gets, minus one frame, is the
//    surplus delay. While it is positive and above `min`, one frame is dropped per window, only where
//    it is inaudible: a frame flagged silent, or the first frame of a talkspurt (RTP marker).
//    Above `max` frames a frame is dropped at once, silent or not.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::media {

struct JitterBufferConfig {
  int frameBytes = 80;        // octets per frame (10 ms of G.711)
  int initialFrames = 4;      // prefetch before playout starts (delay at start)
  int minFrames = 1;          // never shrink below this level
  int maxFrames = 20;         // level above which frames are dropped at once (<= kCapacity - 1)
  int window = 50;            // gets per adaptation window (50 x 10 ms = 500 ms)
  int resyncFrames = 6;       // consecutive underflows before the stream is taken as paused
  int resetJumpFrames = 500;  // a frame index this far from playout restarts the buffer
};

enum class JbPut : uint8_t { Ok, Late, Duplicate, Overflow, Reset, TooLarge };
enum class JbFrame : uint8_t { Normal, Lost, Underflow, Empty };

struct JitterBufferStats {
  uint64_t put = 0, played = 0, lost = 0, underflow = 0, empty = 0;
  uint64_t late = 0, duplicate = 0, overflowDropped = 0, shrinkDropped = 0, resets = 0, tooLarge = 0;
  int level = 0;         // frames buffered ahead of playout at the last get (incl. the one played)
  int minLevel = 0;      // lowest level over the last complete window
  int maxLevelSeen = 0;  // highest level since start
};

class JitterBuffer {
 public:
  static constexpr int kCapacity = 64;
  static constexpr int kMaxFrameBytes = 240;

  explicit JitterBuffer(const JitterBufferConfig& c);
  void configure(const JitterBufferConfig& c);  // also resets
  void reset();                                   // back to prefetch, buffered frames dropped

  JbPut put(uint32_t frameIndex, const uint8_t* payload, size_t n, bool marker, bool silent);
  // Fills `out` (frameBytes) for Normal; returns what the caller must play. `playedIndex` is the
  // frame index played or concealed (undefined for Empty).
  JbFrame get(uint8_t* out, uint32_t* playedIndex);

  const JitterBufferStats& stats() const { return st_; }
  // Cache hints for a caller that knows a get() is coming (a media channel ticks 1500 of these, each
  // cold by its turn): the state and statistics first, then (with the state in cache) the slot get()
  // will read. No effect on behaviour.
  void prefetchState() const {
    __builtin_prefetch(this);
    __builtin_prefetch(reinterpret_cast<const char*>(this) + 64);
    __builtin_prefetch(reinterpret_cast<const char*>(this) + 128);
  }
  void prefetchPlay() const {
    const char* s = reinterpret_cast<const char*>(&slots_[play_ % kCapacity]);
    __builtin_prefetch(s);
    __builtin_prefetch(s + 64);
    __builtin_prefetch(s + 8 + 79);  // the frame's last octet (the header is 8 octets)
  }
  const JitterBufferConfig& config() const { return c_; }
  bool started() const { return started_; }

 private:
  struct Slot {
    bool valid = false;
    bool marker = false;
    bool silent = false;
    uint32_t index = 0;
    uint8_t data[kMaxFrameBytes];
  };
  Slot& slot(uint32_t idx) { return slots_[idx % kCapacity]; }
  int level() const;  // newest - play + 1, or 0
  void dropHead(uint64_t* counter);
  void anchor(uint32_t idx);

  JitterBufferConfig c_;
  bool started_ = false;     // a frame index has anchored playout
  bool prefetch_ = true;
  bool haveNewest_ = false;
  uint32_t play_ = 0;        // next index to play
  uint32_t newest_ = 0;
  int consecutiveUnderflow_ = 0;
  int windowCount_ = 0;
  int windowMin_ = 0;
  int surplus_ = 0;          // frames to drop (decided at the end of a window)
  JitterBufferStats st_;
  // Last: the configuration, state and statistics above share a few cache lines (a media channel's
  // buffer is cold at every put/get with 1500 channels), the slots follow.
  Slot slots_[kCapacity];
};

const char* jbPutName(JbPut r);
const char* jbFrameName(JbFrame f);

}  // namespace tandem::media
