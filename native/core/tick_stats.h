// Tick lateness statistics of the engine thread: a histogram with 1 µs buckets up to 4 ms (and one
// overflow bucket), the maximum, and counts. Written by the RT thread only (relaxed stores of its own
// values, no read-modify-write contention), read by the JS thread at any time.
#pragma once

#include <atomic>
#include <cstdint>

namespace tandem::core {

class TickStats {
 public:
  static constexpr int kBuckets = 4096;  // µs; the last one holds everything >= 4095 µs

  void record(uint64_t lateUs) {
    const int b = lateUs >= kBuckets - 1 ? kBuckets - 1 : static_cast<int>(lateUs);
    bump(hist_[b]);
    bump(count_);
    if (lateUs > max_.load(std::memory_order_relaxed)) max_.store(lateUs, std::memory_order_relaxed);
  }
  void reset() {  // RT thread (ResetStats command)
    for (auto& h : hist_) h.store(0, std::memory_order_relaxed);
    count_.store(0, std::memory_order_relaxed);
    max_.store(0, std::memory_order_relaxed);
  }
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  uint64_t maxUs() const { return max_.load(std::memory_order_relaxed); }
  // q in [0,1]: the smallest bucket with at least q of the samples at or below it.
  uint64_t percentileUs(double q) const {
    uint64_t total = 0;
    for (const auto& h : hist_) total += h.load(std::memory_order_relaxed);
    if (total == 0) return 0;
    const uint64_t want = static_cast<uint64_t>(q * static_cast<double>(total) + 0.5);
    uint64_t acc = 0;
    for (int i = 0; i < kBuckets; ++i) {
      acc += hist_[i].load(std::memory_order_relaxed);
      if (acc >= (want ? want : 1)) return static_cast<uint64_t>(i);
    }
    return kBuckets - 1;
  }

 private:
  static void bump(std::atomic<uint64_t>& c) { c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
  std::atomic<uint64_t> hist_[kBuckets] = {};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> max_{0};
};

}  // namespace tandem::core
