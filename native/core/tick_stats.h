// Tick lateness statistics of the engine thread: a histogram with 1 µs buckets below 4 ms and 1 ms
// buckets from 4 ms to 1 s (one overflow bucket above), the maximum, and counts. Written by the RT
// thread only (relaxed stores of its own values, no read-modify-write contention), read by the JS
// thread at any time.
#pragma once

#include <atomic>
#include <cstdint>

namespace tandem::core {

class TickStats {
 public:
  static constexpr int kFine = 4096;     // 1 µs buckets: 0 .. 4095 µs
  static constexpr int kCoarse = 1000;   // 1 ms buckets: 4 ms .. 1004 ms
  static constexpr int kBuckets = kFine + kCoarse + 1;

  void record(uint64_t lateUs) {
    bump(hist_[bucketOf(lateUs)]);
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
  // q in [0,1]: the lower edge of the smallest bucket with at least q of the samples at or below it
  // (exact below 4 ms, to 1 ms above; the maximum if it falls in the overflow bucket).
  uint64_t percentileUs(double q) const {
    uint64_t total = 0;
    for (const auto& h : hist_) total += h.load(std::memory_order_relaxed);
    if (total == 0) return 0;
    uint64_t want = static_cast<uint64_t>(q * static_cast<double>(total) + 0.5);
    if (want == 0) want = 1;
    uint64_t acc = 0;
    for (int i = 0; i < kBuckets; ++i) {
      acc += hist_[i].load(std::memory_order_relaxed);
      if (acc >= want) return lowerEdgeUs(i);
    }
    return maxUs();
  }

 private:
  static int bucketOf(uint64_t us) {
    if (us < kFine) return static_cast<int>(us);
    const uint64_t ms = (us - kFine) / 1000u;
    return ms < kCoarse ? kFine + static_cast<int>(ms) : kBuckets - 1;
  }
  uint64_t lowerEdgeUs(int i) const {
    if (i < kFine) return static_cast<uint64_t>(i);
    if (i < kBuckets - 1) return kFine + static_cast<uint64_t>(i - kFine) * 1000u;
    return maxUs();
  }
  static void bump(std::atomic<uint64_t>& c) { c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
  std::atomic<uint64_t> hist_[kBuckets] = {};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> max_{0};
};

}  // namespace tandem::core
