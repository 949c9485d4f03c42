// Adaptive jitter buffer; behaviour described in jitter_buffer.h.
#include "media/jitter_buffer.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace tandem::media {

namespace {
inline int32_t diff(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b); }
}  // namespace

JitterBuffer::JitterBuffer(const JitterBufferConfig& c) { configure(c); }

void JitterBuffer::configure(const JitterBufferConfig& c) {
  c_ = c;
  c_.frameBytes = std::clamp(c_.frameBytes, 1, kMaxFrameBytes);
  c_.maxFrames = std::clamp(c_.maxFrames, 1, kCapacity - 1);
  c_.minFrames = std::clamp(c_.minFrames, 0, c_.maxFrames);
  c_.initialFrames = std::clamp(c_.initialFrames, std::max(c_.minFrames, 1), c_.maxFrames);
  c_.window = std::max(c_.window, 1);
  c_.resyncFrames = std::max(c_.resyncFrames, 1);
  c_.resetJumpFrames = std::max(c_.resetJumpFrames, kCapacity);
  reset();
}

void JitterBuffer::reset() {
  for (Slot& s : slots_) s.valid = false;
  started_ = false;
  prefetch_ = true;
  haveNewest_ = false;
  consecutiveUnderflow_ = 0;
  windowCount_ = 0;
  windowMin_ = INT_MAX;
  surplus_ = 0;
}

void JitterBuffer::anchor(uint32_t idx) {
  for (Slot& s : slots_) s.valid = false;
  started_ = true;
  prefetch_ = true;
  haveNewest_ = false;
  play_ = idx;
  consecutiveUnderflow_ = 0;
  windowCount_ = 0;
  windowMin_ = INT_MAX;
  surplus_ = 0;
}

int JitterBuffer::level() const {
  if (!haveNewest_) return 0;
  const int32_t d = diff(newest_, play_);
  return d < 0 ? 0 : d + 1;
}

void JitterBuffer::dropHead(uint64_t* counter) {
  Slot& s = slot(play_);
  if (s.valid && s.index == play_) {
    s.valid = false;
    ++*counter;
  }
  ++play_;
}

JbPut JitterBuffer::put(uint32_t idx, const uint8_t* payload, size_t n, bool marker, bool silent) {
  if (n != static_cast<size_t>(c_.frameBytes)) {
    ++st_.tooLarge;
    return JbPut::TooLarge;
  }
  ++st_.put;
  JbPut result = JbPut::Ok;
  if (!started_) {
    anchor(idx);
  } else {
    const int32_t d = diff(idx, play_);
    if (d < -c_.resetJumpFrames || d > c_.resetJumpFrames) {
      anchor(idx);  // the stream restarted far away (RFC 3550 §A.1 would call this a sequence jump)
      ++st_.resets;
      result = JbPut::Reset;
    } else if (d < 0) {
      ++st_.late;
      return JbPut::Late;
    } else if (d >= kCapacity) {
      while (diff(idx, play_) >= kCapacity) dropHead(&st_.overflowDropped);
      result = JbPut::Overflow;
    }
  }
  Slot& s = slot(idx);
  if (s.valid && s.index == idx) {
    ++st_.duplicate;
    return JbPut::Duplicate;
  }
  s.valid = true;
  s.index = idx;
  s.marker = marker;
  s.silent = silent;
  if (payload != nullptr) std::memcpy(s.data, payload, n);
  else std::memset(s.data, static_cast<int>(idx & 0xFF), n);
  if (!haveNewest_ || diff(idx, newest_) > 0) {
    newest_ = idx;
    haveNewest_ = true;
  }
  return result;
}

JbFrame JitterBuffer::get(uint8_t* out, uint32_t* playedIndex) {
  if (!started_) {
    ++st_.empty;
    return JbFrame::Empty;
  }
  if (prefetch_) {
    if (level() < c_.initialFrames) {
      ++st_.empty;
      return JbFrame::Empty;
    }
    prefetch_ = false;
  }
  // Above the maximum delay: drop at once (the oldest frames).
  while (level() > c_.maxFrames) dropHead(&st_.overflowDropped);
  // Shrink where inaudible: a silent frame, or a gap just before the first frame of a talkspurt.
  if (surplus_ > 0 && level() - 1 >= std::max(c_.minFrames, 1)) {
    const Slot& s = slot(play_);
    const bool present = s.valid && s.index == play_;
    const Slot& nx = slot(play_ + 1);
    const bool nextIsTalkspurtStart = nx.valid && nx.index == play_ + 1 && nx.marker;
    if ((present && s.silent) || (!present && nextIsTalkspurtStart)) {
      if (present) dropHead(&st_.shrinkDropped);
      else {
        ++st_.shrinkDropped;
        ++play_;
      }
      --surplus_;
    }
  }

  const int lv = level();
  st_.level = lv;
  st_.maxLevelSeen = std::max(st_.maxLevelSeen, lv);
  windowMin_ = std::min(windowMin_, lv);
  if (++windowCount_ >= c_.window) {
    st_.minLevel = windowMin_;
    surplus_ = std::max(0, windowMin_ - std::max(c_.minFrames, 1));
    windowCount_ = 0;
    windowMin_ = INT_MAX;
  }

  Slot& s = slot(play_);
  if (playedIndex) *playedIndex = play_;
  if (s.valid && s.index == play_) {
    std::memcpy(out, s.data, static_cast<size_t>(c_.frameBytes));
    s.valid = false;
    ++play_;
    ++st_.played;
    consecutiveUnderflow_ = 0;
    return JbFrame::Normal;
  }
  if (haveNewest_ && diff(newest_, play_) > 0) {
    ++play_;
    ++st_.lost;
    consecutiveUnderflow_ = 0;
    return JbFrame::Lost;
  }
  // Nothing at or after the playout point has arrived.
  if (++consecutiveUnderflow_ > c_.resyncFrames) {
    started_ = false;  // paused: the next frame re-anchors playout (and prefetches)
    ++st_.empty;
    return JbFrame::Empty;
  }
  ++st_.underflow;
  return JbFrame::Underflow;
}

const char* jbPutName(JbPut r) {
  switch (r) {
    case JbPut::Ok: return "ok";
    case JbPut::Late: return "late";
    case JbPut::Duplicate: return "duplicate";
    case JbPut::Overflow: return "overflow";
    case JbPut::Reset: return "reset";
    case JbPut::TooLarge: return "badsize";
  }
  return "?";
}

const char* jbFrameName(JbFrame f) {
  switch (f) {
    case JbFrame::Normal: return "normal";
    case JbFrame::Lost: return "lost";
    case JbFrame::Underflow: return "underflow";
    case JbFrame::Empty: return "empty";
  }
  return "?";
}

}  // namespace tandem::media
